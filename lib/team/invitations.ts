import 'server-only'
import { createHash, randomBytes } from 'node:crypto'
import { TeamInviteEmail, teamInviteSubject } from '@/emails/team-invite'
import { billingRefusal, isSeatLimit, seatLimitMessage } from '@/lib/billing/write-refusals'
import type { OutgoingEmail } from '@/lib/email/send'
import { AppError } from '@/lib/errors'
import { dbFailure, notFound, PG_ERROR, type Db } from '@/lib/practice/db'
import { FieldErrors, parseOrFieldErrors } from '@/lib/practice/field-errors'
import { enforceRateLimit, RATE_LIMITS } from '@/lib/security/rate-limit'
import { requireTeamManager, type TeamActor } from './actor'
import { listMembers } from './queries'
import { InviteSchema, joinPath, type Invite } from './team.schema'

/** config.toml's [auth.email] otp_expiry (600 s): how long the email's sign-in button works. */
export const SIGN_IN_LINK_MINUTES = 10
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

/** 32 random bytes for the email; only their SHA-256 is stored (accept_practice_invitation hashes the same way). */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url')
  return {
    token,
    tokenHash: createHash('sha256').update(token, 'utf8').digest('hex'),
  }
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
async function sendInvitation(deps: InviteDeps, actor: TeamActor, invite: Invite, token: string, tokenHash: string) {
  const { data, error } = await deps.admin.auth.admin.generateLink({
    type: 'magiclink',
    email: invite.email,
  })
  if (error || !data.user)
    throw new AppError({
      code: 'internal',
      message: 'We could not create her sign-in link. Please try again.',
      cause: error,
    })
  const link = new URL('/auth/confirm', deps.siteUrl)
  link.searchParams.set('token_hash', data.properties.hashed_token)
  link.searchParams.set('type', data.properties.verification_type)
  link.searchParams.set('next', joinPath(token))
  await deps.deliver({
    to: invite.email,
    subject: teamInviteSubject(actor.practiceName),
    react: TeamInviteEmail({
      link: link.toString(),
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
async function insertAndSend(deps: InviteDeps, actor: TeamActor, invite: Invite): Promise<{ invitationId: string }> {
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
export async function inviteMember(deps: InviteDeps, actor: TeamActor, input: unknown): Promise<{ invitationId: string }> {
  requireTeamManager(actor)
  const invite = parseOrFieldErrors(InviteSchema, input)
  const members = await listMembers(deps.db, actor.practiceId)
  if (members.some((m) => m.email.toLowerCase() === invite.email)) {
    throw new FieldErrors({ email: 'She is already on your team.' })
  }
  await enforceRateLimit(deps.admin, actor.practiceId, RATE_LIMITS.teamInvitation)
  return insertAndSend(deps, actor, invite)
}

async function loadPending(db: Db, actor: TeamActor, invitationId: string) {
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
export async function resendInvitation(deps: InviteDeps, actor: TeamActor, invitationId: string): Promise<{ invitationId: string }> {
  requireTeamManager(actor)
  const old = await loadPending(deps.db, actor, invitationId)
  await enforceRateLimit(deps.admin, actor.practiceId, RATE_LIMITS.teamInvitation)
  await revokeInvitation(deps.db, actor, old.id)
  return insertAndSend(deps, actor, {
    email: old.email,
    role: old.role === 'admin' ? 'admin' : 'doula',
  })
}

/** Deletes a pending invitation: its link no longer joins anyone. */
export async function revokeInvitation(db: Db, actor: TeamActor, invitationId: string): Promise<void> {
  requireTeamManager(actor)
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
