import type { Metadata } from 'next'
import Link from 'next/link'
import { Logo } from '@/components/logo'
import { Button } from '@/components/ui/button'

// An address no route matches gets this title; a page's own notFound() needs <NotFoundTitle>.
export const metadata: Metadata = { title: 'Page not found' }

export default function NotFound() {
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <Logo />
      <h1 className="mt-4 text-2xl font-semibold tracking-tight">We could not find that page</h1>
      <p className="max-w-md text-muted-foreground">The address may be mistyped, or the page may have moved.</p>
      <Button asChild>
        <Link href="/">Go to the home page</Link>
      </Button>
    </main>
  )
}
