import type { Metadata } from 'next'
import Link from 'next/link'
import { AuthCard } from '@/components/auth-card'
import { safeRedirectPath } from '@/lib/redirect'
import { LoginForm } from './_components/login-form'

export const metadata: Metadata = { title: 'Log in' }

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams
  const safeNext = typeof next === 'string' ? safeRedirectPath(next, '') || undefined : undefined
  return (
    <>
      <AuthCard title="Welcome back" description="Enter your email and we will send you a link to sign in.">
        <LoginForm next={safeNext} />
      </AuthCard>
      <p className="mt-6 text-center text-sm text-muted-foreground">
        New to DoulaOS?{' '}
        <Link href="/signup" className="font-medium text-primary underline-offset-4 hover:underline">
          Open your practice
        </Link>
      </p>
    </>
  )
}
