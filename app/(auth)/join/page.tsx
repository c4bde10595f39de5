import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { AuthCard } from '@/components/auth-card'
import { getSessionUser } from '@/lib/server/session'
import { AcceptInvitationSchema, joinPath } from '@/lib/team/team.schema'
import { AcceptInvitation } from './_components/accept-invitation'

// The token is in this page's URL: keep it out of Referer headers.
export const metadata: Metadata = { title: 'Join a practice', referrer: 'no-referrer' }

/**
 * Where the invitation email lands (after its sign-in link, or directly once that link has
 * expired). Accepting is a button, never the page load: link scanners open URLs too.
 */
export default async function JoinPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams
  const parsed = AcceptInvitationSchema.safeParse({ token })
  if (!parsed.success) {
    return (
      <AuthCard title="This invitation link is incomplete" description="Part of the address is missing.">
        <p className="text-muted-foreground" data-test="join-incomplete">
          Open the invitation email again and use its button, or copy the whole address into your browser.
        </p>
      </AuthCard>
    )
  }
  const user = await getSessionUser()
  if (!user) redirect(`/login?next=${encodeURIComponent(joinPath(parsed.data.token))}`)
  return <AcceptInvitation token={parsed.data.token} email={user.email ?? ''} />
}
