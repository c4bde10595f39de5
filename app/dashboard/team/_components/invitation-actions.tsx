'use client'
import { useAction } from 'next-safe-action/hooks'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { resendInvitationAction, revokeInvitationAction } from '@/lib/team/actions'

/** Resend (a new link, valid 7 more days; the old one stops working) and revoke one pending invitation. */
export function InvitationActions({ invitationId, email }: { invitationId: string; email: string }) {
  const resend = useAction(resendInvitationAction)
  const revoke = useAction(revokeInvitationAction)
  const busy = resend.isPending || revoke.isPending
  const error = resend.result.serverError ?? revoke.result.serverError
  return (
    <div className="flex flex-col items-stretch gap-2 sm:items-end">
      <div className="flex gap-2">
        <Button type="button" variant="outline" size="sm" className="h-9" disabled={busy} onClick={() => resend.execute({ invitationId })} data-test="invitation-resend">
          {resend.isPending ? 'Sending…' : 'Resend'}
          <span className="sr-only"> the invitation to {email}</span>
        </Button>
        <Button type="button" variant="ghost" size="sm" className="h-9" disabled={busy} onClick={() => revoke.execute({ invitationId })} data-test="invitation-revoke">
          {revoke.isPending ? 'Revoking…' : 'Revoke'}
          <span className="sr-only"> the invitation to {email}</span>
        </Button>
      </div>
      {error ? <StatusMessage tone="error">{error}</StatusMessage> : null}
    </div>
  )
}
