import 'server-only'
import { PortalInviteEmail, portalInviteSubject } from '@/emails/portal-invite'
import { mintSignInLink, newInvitationToken, SIGN_IN_LINK_MINUTES } from '@/lib/auth/invitation-link'
import type { ClientRef } from '@/lib/clients/client.schema'
import type { OutgoingEmail } from '@/lib/email/send'
import { AppError } from '@/lib/errors'
import { emailSubject, enforceRateLimit, RATE_LIMITS } from '@/lib/security/rate-limit'
import { dbFailure, notFound, type Db } from '@/lib/server/db'
import { portalJoinPath } from './invitation.schema'

/** portal_invitations.expires_at defaults to now() + 7 days. */
export const PORTAL_INVITATION_VALID_DAYS = 7

export interface PortalInviteDeps {
  /** The inviting member's client: the client record is read through her RLS. */
  db: Db
  /** Service role: writes the invitation row, creates the login when she has none, mints the link, counts the limits. */
  admin: Db
  deliver: (email: OutgoingEmail) => Promise<{ id: string }>
  siteUrl: string
}

async function loadClient(db: Db, { practiceId, clientId }: ClientRef) {
  const { data, error } = await db
    .from('clients')
    .select('id, email, portal_user_id, practices(name)')
    .eq('id', clientId)
    .eq('practice_id', practiceId)
    .maybeSingle()
  if (error) throw dbFailure('load this client', error)
  if (!data) throw new AppError({ code: 'not_found', message: 'This client is not in your practice.' })
  return data
}

/** Open invitations of one client stop working (a newer one replaces them, or access was revoked). */
async function revokeOpenInvitations(admin: Db, { practiceId, clientId }: ClientRef) {
  const { error } = await admin
    .from('portal_invitations')
    .update({ revoked_at: new Date().toISOString() })
    .eq('practice_id', practiceId)
    .eq('client_id', clientId)
    .is('accepted_at', null)
    .is('revoked_at', null)
  if (error) throw dbFailure('replace her earlier invitation', error)
}

/**
 * Invites (or re-invites) a client to her portal: an invitation addressed to her email, and a
 * sign-in link that lands on the accept page. Her record is linked to a login only when she
 * accepts there, signed in as that verified address: no existing account is ever attached by the
 * practice. Each call replaces the open invitation, so "resend" is calling this again.
 */
export async function inviteToPortal(deps: PortalInviteDeps, target: ClientRef, invitedBy: string): Promise<{ invitationId: string }> {
  const client = await loadClient(deps.db, target)
  if (!client.email) {
    throw new AppError({ code: 'validation', message: 'Add her email address before inviting her to the portal.' })
  }
  if (client.portal_user_id) {
    throw new AppError({ code: 'conflict', message: 'She already has portal access: she signs in with her email on the portal sign-in page.' })
  }
  await enforceRateLimit(deps.admin, target.practiceId, RATE_LIMITS.portalInvitation)
  await enforceRateLimit(deps.admin, emailSubject(client.email), RATE_LIMITS.portalInvitationRecipient)

  const { token, tokenHash } = newInvitationToken()
  await revokeOpenInvitations(deps.admin, target)
  const { data: invitation, error } = await deps.admin
    .from('portal_invitations')
    .insert({ practice_id: target.practiceId, client_id: target.clientId, email: client.email, token_hash: tokenHash, invited_by: invitedBy })
    .select('id')
    .single()
  if (error) throw dbFailure('save the invitation', error)

  try {
    const next = portalJoinPath(token)
    const link = await mintSignInLink(deps.admin, client.email, target, { siteUrl: deps.siteUrl, next })
    await deps.deliver({
      to: client.email,
      subject: portalInviteSubject,
      react: PortalInviteEmail({
        link,
        acceptUrl: new URL(next, deps.siteUrl).toString(),
        practiceName: client.practices?.name ?? null,
        signInMinutes: SIGN_IN_LINK_MINUTES,
        validDays: PORTAL_INVITATION_VALID_DAYS,
      }),
      // One key per invitation token: a retried send is dropped, a resend (new token) is not.
      idempotencyKey: `portal-invite:${tokenHash}`,
    })
  } catch (sendError) {
    const undo = await deps.admin.from('portal_invitations').delete().eq('id', invitation.id)
    if (undo.error) console.error('[portal] could not remove an unsent invitation', undo.error)
    throw sendError instanceof AppError
      ? sendError
      : new AppError({ code: 'internal', message: 'We could not send the invitation email. Please try again.', cause: sendError })
  }
  return { invitationId: invitation.id }
}

/**
 * Unlinks her login from the client record and voids any open invitation: from her next request
 * on, RLS shows her nothing of it. Her login itself is hers and stays.
 */
export async function revokePortalAccess(deps: Pick<PortalInviteDeps, 'db' | 'admin'>, target: ClientRef): Promise<void> {
  await loadClient(deps.db, target)
  const { data, error } = await deps.db
    .from('clients')
    .update({ portal_user_id: null })
    .eq('id', target.clientId)
    .eq('practice_id', target.practiceId)
    .select('id')
  if (error) throw dbFailure('revoke her portal access', error)
  if (data.length !== 1) throw notFound('client')
  await revokeOpenInvitations(deps.admin, target)
}
