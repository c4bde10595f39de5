import type { Metadata } from 'next'
import Link from 'next/link'
import { AuthCard } from '@/components/auth-card'
import { LocalMailboxLink } from '@/components/local-mailbox-link'
import { safeRedirectPath } from '@/lib/redirect'
import { LoginForm } from './_components/login-form'

export const metadata: Metadata = { title: 'Log in' }

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams
  const safeNext = typeof next === 'string' ? safeRedirectPath(next, '') || undefined : undefined
  return (
    <>
      <AuthCard
        title="Welcome back"
        description="Doulas and clients alike: enter your email and we will send you a link that takes you to your practice or your portal."
      >
        <LoginForm next={safeNext} />
      </AuthCard>
      <p className="mt-6 text-center text-sm text-muted-foreground">
        Your doula invited you?{' '}
        <Link href="/portal-login" className="font-medium text-primary underline underline-offset-4 hover:decoration-2" data-test="login-portal-link">
          Sign in to your client portal
        </Link>
      </p>
      <p className="mt-2 text-center text-sm text-muted-foreground">
        New to DoulaOS?{' '}
        <Link href="/signup" className="font-medium text-primary underline underline-offset-4 hover:decoration-2">
          Open your practice
        </Link>
      </p>
      <LocalMailboxLink />
    </>
  )
}
