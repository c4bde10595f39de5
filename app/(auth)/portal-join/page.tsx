import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { AuthCard } from '@/components/auth-card'
import { getSessionUser } from '@/lib/server/session'
import { AcceptPortalInvitationSchema, portalJoinPath } from '@/lib/portal/invitation.schema'
import { PORTAL_LOGIN_PATH } from '@/lib/server/portal-context'
import { AcceptPortalInvitation } from './_components/accept-portal-invitation'

// The token is in this page's URL: keep it out of Referer headers.
export const metadata: Metadata = { title: 'Open your portal', referrer: 'no-referrer' }

/**
 * Where a portal invitation lands (after its sign-in link, or directly once that link has expired).
 * Accepting is a button, never the page load: link scanners open URLs too, and her record is linked
 * to a login only by her own choice.
 */
export default async function PortalJoinPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams
  const parsed = AcceptPortalInvitationSchema.safeParse({ token })
  if (!parsed.success) {
    return (
      <AuthCard title="This invitation link is incomplete" description="Part of the address is missing.">
        <p className="text-muted-foreground" data-test="portal-join-incomplete">
          Open the invitation email again and use its button, or copy the whole address into your browser.
        </p>
      </AuthCard>
    )
  }
  const user = await getSessionUser()
  if (!user) redirect(`${PORTAL_LOGIN_PATH}?next=${encodeURIComponent(portalJoinPath(parsed.data.token))}`)
  return <AcceptPortalInvitation token={parsed.data.token} email={user.email ?? ''} />
}
