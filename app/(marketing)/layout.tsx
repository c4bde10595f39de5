import Link from 'next/link'
import type { ReactNode } from 'react'
import { Logo } from '@/components/logo'
import { Button } from '@/components/ui/button'

export default function MarketingLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-border/70 bg-background/90">
        <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
          <Logo />
          <nav aria-label="Account" className="flex items-center gap-1 sm:gap-2">
            <Button asChild variant="ghost" size="sm">
              <Link href="/portal-login" aria-label="Client portal" data-test="nav-portal">
                <span className="hidden sm:inline">Client portal</span>
                <span className="sm:hidden">Portal</span>
              </Link>
            </Button>
            <Button asChild variant="ghost" size="sm">
              <Link href="/login" data-test="nav-login">
                Log in
              </Link>
            </Button>
            <Button asChild size="sm">
              <Link href="/signup" data-test="nav-signup">
                Start free
              </Link>
            </Button>
          </nav>
        </div>
      </header>
      <main id="main" className="flex-1">
        {children}
      </main>
      <footer className="border-t border-border/70">
        <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-8 text-sm text-muted-foreground sm:flex-row sm:items-center sm:justify-between sm:px-6">
          <p>© {new Date().getFullYear()} DoulaOS. Made for birth workers.</p>
          <nav aria-label="Legal" className="flex gap-5">
            <Link className="hover:text-foreground" href="/privacy">
              Privacy
            </Link>
            <Link className="hover:text-foreground" href="/security">
              Security
            </Link>
            <Link className="hover:text-foreground" href="/terms">
              Terms
            </Link>
          </nav>
        </div>
      </footer>
    </div>
  )
}
