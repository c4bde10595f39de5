import 'server-only'
import { TeamInviteEmail, teamInviteSubject } from '@/emails/team-invite'
import { mintSignInLink, newInvitationToken, SIGN_IN_LINK_MINUTES } from '@/lib/auth/invitation-link'
import { billingRefusal, isSeatLimit, seatLimitMessage } from '@/lib/billing/write-refusals'
import type { OutgoingEmail } from '@/lib/email/send'
import { AppError } from '@/lib/errors'
import { dbFailure, notFound, PG_ERROR, type Db } from '@/lib/server/db'
import { FieldErrors, parseOrFieldErrors } from '@/lib/server/field-errors'
import { enforceRateLimit, RATE_LIMITS } from '@/lib/security/rate-limit'
import { assertRole, MANAGER_ROLES, type PracticeActor } from '@/lib/server/membership'
import { listMembers } from './queries'
import { InviteSchema, joinPath, TEAM_MANAGERS_ONLY, type Invite } from './team.schema'

/** practice_invitations.expires_at defaults to now() + 7 days. */
export const INVITATION_VALID_DAYS = 7

export interface InviteDeps {
  /** The acting member's client: every invitation read and write runs under her RLS. */
  db: Db
  /** Service role, used only to mint the sign-in link (auth admin API) and count the practice's invitation emails. */
  admin: Db
  deliver: (email: OutgoingEmail) => Promise<{ id: string }>
  siteUrl: string
}

async function inviterName(db: Db, userId: string): Promise<string | null> {
  const { data, error } = await db.from('profiles').select('full_name').eq('id', userId).maybeSingle()
  if (error) throw dbFailure('load your profile', error)
  return data?.full_name.trim() || null
}

/**
 * Emails a sign-in link (creating her login if she has none) that lands on the accept page with
 * the invitation token. Only the link is minted here: nothing joins her to the practice until she
 * accepts, signed in as the invited address.
 */
async function sendInvitation(deps: InviteDeps, actor: PracticeActor, invite: Invite, token: string, tokenHash: string) {
  const link = await mintSignInLink(deps.admin, invite.email, { practiceId: actor.practiceId }, { siteUrl: deps.siteUrl, next: joinPath(token) })
  await deps.deliver({
    to: invite.email,
    subject: teamInviteSubject(actor.practiceName),
    react: TeamInviteEmail({
      link,
      joinUrl: new URL(joinPath(token), deps.siteUrl).toString(),
      practiceName: actor.practiceName,
      inviterName: await inviterName(deps.db, actor.userId),
      role: invite.role,
      signInMinutes: SIGN_IN_LINK_MINUTES,
      validDays: INVITATION_VALID_DAYS,
    }),
    // One key per invitation token: a retried send is dropped, a resend (new token) is not.
    idempotencyKey: `team-invite:${tokenHash}`,
  })
}

/** Inserts the invitation and emails it; an invitation whose email failed is removed again. */
async function insertAndSend(deps: InviteDeps, actor: PracticeActor, invite: Invite): Promise<{ invitationId: string }> {
  const { token, tokenHash } = newInvitationToken()
  const { data, error } = await deps.db
    .from('practice_invitations')
    .insert({
      practice_id: actor.practiceId,
      email: invite.email,
      role: invite.role,
      token_hash: tokenHash,
      invited_by: actor.userId,
    })
    .select('id')
    .single()
  if (error && isSeatLimit(error)) throw new FieldErrors({ email: seatLimitMessage(error) })
  if (error?.code === PG_ERROR.uniqueViolation) {
    throw new FieldErrors({
      email: 'This address already has a pending invitation. Resend it from the list below.',
    })
  }
  if (error) throw billingRefusal(error) ?? dbFailure('save the invitation', error)
  try {
    await sendInvitation(deps, actor, invite, token, tokenHash)
  } catch (sendError) {
    const undo = await deps.db.from('practice_invitations').delete().eq('id', data.id)
    if (undo.error) console.error('[team] could not remove an unsent invitation', undo.error)
    throw new AppError({
      code: 'internal',
      message: 'We could not send the invitation email. Please try again.',
      cause: sendError,
    })
  }
  return { invitationId: data.id }
}

/** Invites someone by email (owners and admins). Already a member, or already invited: a field error, nothing saved. */
export async function inviteMember(deps: InviteDeps, actor: PracticeActor, input: unknown): Promise<{ invitationId: string }> {
  assertRole(actor, MANAGER_ROLES, TEAM_MANAGERS_ONLY)
  const invite = parseOrFieldErrors(InviteSchema, input)
  const members = await listMembers(deps.db, actor.practiceId)
  if (members.some((m) => m.email.toLowerCase() === invite.email)) {
    throw new FieldErrors({ email: 'She is already on your team.' })
  }
  await enforceRateLimit(deps.admin, actor.practiceId, RATE_LIMITS.teamInvitation)
  return insertAndSend(deps, actor, invite)
}

async function loadPending(db: Db, actor: PracticeActor, invitationId: string) {
  const { data, error } = await db
    .from('practice_invitations')
    .select('id, email, role')
    .eq('id', invitationId)
    .eq('practice_id', actor.practiceId)
    .is('accepted_at', null)
    .maybeSingle()
  if (error) throw dbFailure('load the invitation', error)
  if (!data) throw notFound('invitation')
  return data
}

/**
 * A new token and a fresh 7 days: the old link stops working. The token hash is immutable, so the
 * old row is replaced (both changes land in the audit log).
 */
export async function resendInvitation(deps: InviteDeps, actor: PracticeActor, invitationId: string): Promise<{ invitationId: string }> {
  assertRole(actor, MANAGER_ROLES, TEAM_MANAGERS_ONLY)
  const old = await loadPending(deps.db, actor, invitationId)
  await enforceRateLimit(deps.admin, actor.practiceId, RATE_LIMITS.teamInvitation)
  await revokeInvitation(deps.db, actor, old.id)
  return insertAndSend(deps, actor, {
    email: old.email,
    role: old.role === 'admin' ? 'admin' : 'doula',
  })
}

/** Deletes a pending invitation: its link no longer joins anyone. */
export async function revokeInvitation(db: Db, actor: PracticeActor, invitationId: string): Promise<void> {
  assertRole(actor, MANAGER_ROLES, TEAM_MANAGERS_ONLY)
  const { data, error } = await db
    .from('practice_invitations')
    .delete()
    .eq('id', invitationId)
    .eq('practice_id', actor.practiceId)
    .is('accepted_at', null)
    .select('id')
  if (error) throw dbFailure('revoke the invitation', error)
  if (data.length !== 1) throw notFound('invitation')
}
