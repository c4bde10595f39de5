'use client'
import { useAction } from 'next-safe-action/hooks'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import type { ReactNode } from 'react'
import { AuthCard } from '@/components/auth-card'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { acceptPortalInvitationAction } from '@/lib/portal/actions'
import type { PortalInvitationRefusal } from '@/lib/portal/invitation.schema'

const ASK_AGAIN = 'Ask your doula to send you a new invitation, then open the newest email.'

function SignOutButton() {
  return (
    <form action="/auth/signout" method="post">
      <Button type="submit" variant="outline" size="lg" className="w-full">
        Sign out
      </Button>
    </form>
  )
}

function OpenPortal() {
  return (
    <Button asChild size="lg" className="w-full">
      <Link href="/portal">Open my portal</Link>
    </Button>
  )
}

/** What each refusal means for her and the one thing to do next. */
function Refused({ reason, email }: { reason: PortalInvitationRefusal; email: string }) {
  const copy: Record<PortalInvitationRefusal, [title: string, body: ReactNode, action: ReactNode]> = {
    unknown: ['This invitation is no longer valid', ASK_AGAIN, null],
    revoked: ['This invitation is no longer valid', `A newer invitation replaced it, or the practice withdrew it. ${ASK_AGAIN}`, null],
    expired: ['This invitation has expired', `Invitations are valid for 7 days. ${ASK_AGAIN}`, null],
    used: ['This invitation has already been used', 'If you accepted it, sign in to your portal with the invited email address.', <OpenPortal key="portal" />],
    wrong_account: [
      'This invitation is for another email address',
      <>
        You are signed in as <strong className="text-foreground">{email}</strong>. Sign out, then open the invitation link again, or sign
        in with the address the invitation was sent to.
      </>,
      <SignOutButton key="signout" />,
    ],
    linked_elsewhere: [
      'Your login already opens another record here',
      'This practice has already linked your login to another client record. Ask your doula which one to keep.',
      <OpenPortal key="portal" />,
    ],
  }
  const [title, body, action] = copy[reason]
  return (
    <AuthCard title={title} description={body}>
      <div data-test="portal-join-refused" data-reason={reason}>
        {action}
      </div>
    </AuthCard>
  )
}

export function AcceptPortalInvitation({ token, email }: { token: string; email: string }) {
  const router = useRouter()
  const { execute, isPending, result, hasSucceeded } = useAction(acceptPortalInvitationAction, {
    onSuccess({ data }) {
      if (data && 'practiceId' in data) router.push('/portal')
    },
  })
  const refused = result.data && 'refused' in result.data ? result.data.refused : null
  if (refused) return <Refused reason={refused} email={email} />
  const done = hasSucceeded && !refused
  return (
    <AuthCard title="Your private portal" description={<>You are signed in as {email}.</>}>
      <div className="flex flex-col gap-4" data-test="portal-join">
        <p className="text-muted-foreground">
          Accept the invitation to see your appointments, documents and messages with your doula. Only you and your doula&apos;s practice can see them.
        </p>
        {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
        <Button type="button" size="lg" disabled={isPending || done} onClick={() => execute({ token })} data-test="portal-join-accept">
          {isPending || done ? 'Opening your portal…' : 'Accept invitation'}
        </Button>
      </div>
    </AuthCard>
  )
}
