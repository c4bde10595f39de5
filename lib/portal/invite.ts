import 'server-only'
import { InviteEmail, inviteSubject } from '@/emails/invite'
import type { ClientRef } from '@/lib/clients/client.schema'
import type { OutgoingEmail } from '@/lib/email/send'
import { AppError } from '@/lib/errors'
import { PG_ERROR, type Db } from '@/lib/server/db'

/** config.toml's [auth.email] otp_expiry (600 s): the invitation says how long its link lasts. */
export const INVITE_LINK_MINUTES = 10
export const PORTAL_HOME_PATH = '/portal'

export interface PortalInviteDeps {
  /** The doula's own client: every read and write of the client record goes through her RLS. */
  db: Db
  /** Service role, used only to mint the sign-in link (auth admin API). */
  admin: Db
  deliver: (email: OutgoingEmail) => Promise<{ id: string }>
  siteUrl: string
}

interface ClientRow {
  id: string
  email: string | null
  portal_user_id: string | null
  practices: { name: string } | null
}

async function loadClient(db: Db, { practiceId, clientId }: ClientRef): Promise<ClientRow> {
  const { data, error } = await db
    .from('clients')
    .select('id, email, portal_user_id, practices(name)')
    .eq('id', clientId)
    .eq('practice_id', practiceId)
    .maybeSingle<ClientRow>()
  if (error) throw new AppError({ code: 'internal', message: 'We could not load this client.', cause: error })
  if (!data) throw new AppError({ code: 'not_found', message: 'This client is not in your practice.' })
  return data
}

/**
 * Invites (or re-invites) a client to her portal: mints a one-time sign-in link for her email
 * (creating her login if she has none), links that login to the client record and emails her a
 * branded invitation. Each call mints a new link, so "resend" is calling this again.
 * The caller must have checked that the acting user is a member of `practiceId`.
 */
export async function inviteToPortal(deps: PortalInviteDeps, target: ClientRef): Promise<{ portalUserId: string }> {
  const client = await loadClient(deps.db, target)
  if (!client.email) {
    throw new AppError({ code: 'validation', message: 'Add her email address before inviting her to the portal.' })
  }
  // magiclink for an unknown email creates the login (GoTrue turns it into a signup link).
  const { data, error } = await deps.admin.auth.admin.generateLink({ type: 'magiclink', email: client.email })
  if (error || !data.user) {
    throw new AppError({ code: 'internal', message: 'We could not create her sign-in link. Please try again.', cause: error })
  }
  const linked = await deps.db.from('clients').update({ portal_user_id: data.user.id }).eq('id', client.id).select('id')
  if (linked.error || linked.data.length !== 1) {
    const conflict = linked.error?.code === PG_ERROR.uniqueViolation
    throw new AppError({
      code: conflict ? 'conflict' : 'internal',
      message: conflict ? 'Another client in your practice already uses this email for the portal.' : 'We could not give her portal access.',
      cause: linked.error,
    })
  }
  const link = new URL('/auth/confirm', deps.siteUrl)
  link.searchParams.set('token_hash', data.properties.hashed_token)
  link.searchParams.set('type', data.properties.verification_type)
  link.searchParams.set('next', PORTAL_HOME_PATH)
  await deps.deliver({
    to: client.email,
    subject: inviteSubject,
    react: InviteEmail({ link: link.toString(), practiceName: client.practices?.name ?? null, expiresInMinutes: INVITE_LINK_MINUTES }),
    // One key per minted link: a retried send of this invitation is dropped, a resend is not.
    idempotencyKey: `portal-invite:${data.properties.hashed_token}`,
  })
  return { portalUserId: data.user.id }
}

/** Unlinks her login from the client record: from her next request on, RLS shows her nothing of it. */
export async function revokePortalAccess(db: Db, target: ClientRef): Promise<void> {
  await loadClient(db, target)
  const { data, error } = await db
    .from('clients')
    .update({ portal_user_id: null })
    .eq('id', target.clientId)
    .eq('practice_id', target.practiceId)
    .select('id')
  if (error || data.length !== 1) {
    throw new AppError({ code: 'internal', message: 'We could not revoke her portal access.', cause: error })
  }
}
