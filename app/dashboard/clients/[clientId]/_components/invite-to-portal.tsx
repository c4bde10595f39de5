'use client'
import { useAction } from 'next-safe-action/hooks'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { inviteToPortalAction, revokePortalAccessAction } from '@/lib/portal/actions'

export interface InviteToPortalProps {
  clientId: string
  /** Whether the client record has a portal login linked. */
  hasPortalAccess: boolean
  hasEmail: boolean
}

/** The client page's portal controls, for the dashboard: invite, resend, revoke. */
export function InviteToPortal({ clientId, hasPortalAccess, hasEmail }: InviteToPortalProps) {
  const invite = useAction(inviteToPortalAction)
  const revoke = useAction(revokePortalAccessAction)
  const busy = invite.isPending || revoke.isPending
  const error = invite.result.serverError ?? revoke.result.serverError

  return (
    <div className="flex flex-col gap-3" data-test="invite-to-portal">
      <div className="flex flex-wrap gap-2">
        <Button type="button" disabled={busy || !hasEmail} onClick={() => invite.execute({ clientId })} data-test="invite-to-portal-send">
          {invite.isPending ? 'Sending…' : hasPortalAccess ? 'Resend invitation' : 'Invite to portal'}
        </Button>
        {hasPortalAccess ? (
          <Button type="button" variant="outline" disabled={busy} onClick={() => revoke.execute({ clientId })} data-test="invite-to-portal-revoke">
            {revoke.isPending ? 'Revoking…' : 'Revoke portal access'}
          </Button>
        ) : null}
      </div>
      {!hasEmail ? <p className="text-sm text-muted-foreground">Add her email address to invite her.</p> : null}
      {error ? <StatusMessage tone="error">{error}</StatusMessage> : null}
      {invite.result.data ? <StatusMessage tone="success">Invitation sent. The link works once and expires in 10 minutes.</StatusMessage> : null}
      {revoke.result.data ? <StatusMessage tone="success">Portal access revoked.</StatusMessage> : null}
    </div>
  )
}
