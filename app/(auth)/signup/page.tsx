import type { Metadata } from 'next'
import Link from 'next/link'
import { AuthCard } from '@/components/auth-card'
import { SignupForm } from './_components/signup-form'

export const metadata: Metadata = { title: 'Open your practice' }

export default function SignupPage() {
  return (
    <>
      <AuthCard title="Open your practice" description="We will email you a link to confirm it is you. No password needed.">
        <SignupForm />
      </AuthCard>
      <p className="mt-6 text-center text-sm text-muted-foreground">
        Already have an account?{' '}
        <Link href="/login" className="font-medium text-primary underline-offset-4 hover:underline">
          Log in
        </Link>
      </p>
    </>
  )
}
