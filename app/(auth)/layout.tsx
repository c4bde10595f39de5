import type { ReactNode } from 'react'
import { Logo } from '@/components/logo'

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center bg-[radial-gradient(140%_55%_at_50%_0%,var(--color-accent),transparent_70%)] px-4 py-10 sm:py-16">
      {/*
        Under the site-wide `Referrer-Policy: no-referrer`, a browser sends `Origin: null` with a plain
        form POST, and Next.js refuses a server action whose origin does not match the host: the
        sign-in forms would not work before JavaScript loads. `same-origin` still sends nothing to
        other sites, and no URL under this layout carries a token (/auth/confirm redirects first).
        React hoists this into <head>, where it overrides the header.
      */}
      <meta name="referrer" content="same-origin" />
      <Logo className="mb-8" />
      <main id="main" className="w-full max-w-md">
        {children}
      </main>
    </div>
  )
}
