import type { Metadata } from 'next'
import { AuthCard } from '@/components/auth-card'
import { safeRedirectPath } from '@/lib/redirect'
import { LoginForm } from '../login/_components/login-form'

export const metadata: Metadata = { title: 'Sign in to your portal' }

/**
 * Clients sign in with a link (no account creation here: the practice invites them). The login
 * action answers identically whether or not the email has a login.
 */
export default async function PortalLoginPage({ searchParams }: { searchParams: Promise<{ revoked?: string; next?: string }> }) {
  const { revoked, next } = await searchParams
  return (
    <AuthCard
      title="Your private portal"
      description="Enter the email your doula invited and we will send you a link to sign in."
    >
      {revoked ? (
        <p className="mb-4 text-sm text-muted-foreground" data-test="portal-no-access">
          This login has no portal access right now. If your doula invited you, open the link in her invitation email; otherwise contact
          her.
        </p>
      ) : null}
      <LoginForm next={safeRedirectPath(typeof next === 'string' ? next : null, '/portal')} />
    </AuthCard>
  )
}
