'use client'
import { useAction } from 'next-safe-action/hooks'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import type { ReactNode } from 'react'
import { AuthCard } from '@/components/auth-card'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { acceptInvitationAction } from '@/lib/team/actions'
import type { InvitationRefusal } from '@/lib/team/team.schema'

const ASK_AGAIN = 'Ask the person who invited you to resend the invitation, then open the newest email.'

function SignOutButton({ children }: { children: ReactNode }) {
  return (
    <form action="/auth/signout" method="post">
      <Button type="submit" variant="outline" size="lg" className="w-full">
        {children}
      </Button>
    </form>
  )
}

/** What each refusal means for her and the one thing to do next. */
function Refused({ reason, email }: { reason: InvitationRefusal; email: string }) {
  const copy: Record<InvitationRefusal, [title: string, body: ReactNode, action: ReactNode]> = {
    unknown: ['This invitation is no longer valid', `It was revoked, or a newer invitation replaced it. ${ASK_AGAIN}`, null],
    expired: ['This invitation has expired', `Invitations are valid for 7 days. ${ASK_AGAIN}`, null],
    used: [
      'This invitation has already been used',
      'If you accepted it, the practice is already in your dashboard.',
      <Button key="dashboard" asChild size="lg" className="w-full">
        <Link href="/dashboard">Open the dashboard</Link>
      </Button>,
    ],
    wrong_account: [
      'This invitation is for another email address',
      <>
        You are signed in as <strong className="text-foreground">{email}</strong>. Sign out, then open the invitation link again, or sign
        in with the address the invitation was sent to.
      </>,
      <SignOutButton key="signout">Sign out</SignOutButton>,
    ],
  }
  const [title, body, action] = copy[reason]
  return (
    <AuthCard title={title} description={body}>
      <div data-test="join-refused" data-reason={reason}>
        {action}
      </div>
    </AuthCard>
  )
}

export function AcceptInvitation({ token, email }: { token: string; email: string }) {
  const router = useRouter()
  const { execute, isPending, result, hasSucceeded } = useAction(acceptInvitationAction, {
    onSuccess({ data }) {
      if (data && 'practiceId' in data) router.push('/dashboard')
    },
  })
  const refused = result.data && 'refused' in result.data ? result.data.refused : null
  if (refused) return <Refused reason={refused} email={email} />
  const done = hasSucceeded && !refused
  return (
    <AuthCard title="Join your team" description={<>You are signed in as {email}.</>}>
      <div className="flex flex-col gap-4" data-test="join">
        <p className="text-muted-foreground">Accept the invitation to see the practice&apos;s clients, calendar and notes.</p>
        {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
        <Button type="button" size="lg" disabled={isPending || done} onClick={() => execute({ token })} data-test="join-accept">
          {isPending || done ? 'Joining…' : 'Accept invitation'}
        </Button>
      </div>
    </AuthCard>
  )
}
