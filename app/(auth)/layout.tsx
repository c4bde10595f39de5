import type { ReactNode } from 'react'
import { Logo } from '@/components/logo'

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center bg-[radial-gradient(140%_55%_at_50%_0%,var(--color-accent),transparent_70%)] px-4 py-10 sm:py-16">
      <Logo className="mb-8" />
      <main id="main" className="w-full max-w-md">
        {children}
      </main>
    </div>
  )
}
