'use client'
import { useAction } from 'next-safe-action/hooks'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { inviteToPortalAction, revokePortalAccessAction } from '@/lib/portal/actions'

export interface InviteToPortalProps {
  clientId: string
  /** Whether she has accepted an invitation (a portal login is linked to the record). */
  hasPortalAccess: boolean
  /** When the invitation she has not answered yet was sent (formatted), if there is one. */
  invitationSentOn: string | null
  hasEmail: boolean
}

/** The client page's portal controls, for the dashboard: invite, resend or withdraw, revoke. */
export function InviteToPortal({ clientId, hasPortalAccess, invitationSentOn, hasEmail }: InviteToPortalProps) {
  const invite = useAction(inviteToPortalAction)
  const revoke = useAction(revokePortalAccessAction)
  // What the revoke button did, decided when it was pressed (the page re-renders without access).
  const [revokedWhat, setRevokedWhat] = useState('')
  const busy = invite.isPending || revoke.isPending
  const error = invite.result.serverError ?? revoke.result.serverError
  const pending = !hasPortalAccess && invitationSentOn !== null

  return (
    <div className="flex flex-col gap-3" data-test="invite-to-portal">
      {hasPortalAccess ? (
        <p className="text-sm text-muted-foreground" data-test="portal-status">
          She has accepted her portal invitation and signs in with her email.
        </p>
      ) : null}
      {pending ? (
        <p className="text-sm text-muted-foreground" data-test="portal-status">
          Invitation sent {invitationSentOn}; she has not accepted it yet.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {hasPortalAccess ? null : (
          <Button type="button" disabled={busy || !hasEmail} onClick={() => invite.execute({ clientId })} data-test="invite-to-portal-send">
            {invite.isPending ? 'Sending…' : pending ? 'Resend invitation' : 'Invite to portal'}
          </Button>
        )}
        {hasPortalAccess || pending ? (
          <Button type="button" variant="outline" disabled={busy} onClick={() => {
              setRevokedWhat(hasPortalAccess ? 'Portal access revoked.' : 'Invitation withdrawn.')
              revoke.execute({ clientId })
            }} data-test="invite-to-portal-revoke">
            {revoke.isPending ? 'Revoking…' : hasPortalAccess ? 'Revoke portal access' : 'Withdraw invitation'}
          </Button>
        ) : null}
      </div>
      {!hasEmail ? <p className="text-sm text-muted-foreground">Add her email address to invite her.</p> : null}
      {error ? <StatusMessage tone="error">{error}</StatusMessage> : null}
      {invite.result.data ? (
        <StatusMessage tone="success">Invitation sent. It stays valid for 7 days; its sign-in button works for 10 minutes.</StatusMessage>
      ) : null}
      {revoke.result.data ? <StatusMessage tone="success">{revokedWhat}</StatusMessage> : null}
    </div>
  )
}
