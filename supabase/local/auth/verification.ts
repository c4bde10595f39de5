import type { TransactionSql } from 'postgres'
import { AuthError, forbidden, validationFailed } from './errors.ts'
import { PKCE_PREFIX, SLOTS, tokenHash, type EmailAction } from './tokens.ts'
import { confirmEmail, findUserById, isBanned, type UserRow } from './users.ts'

export const VERIFY_TYPES = ['email', 'signup', 'invite', 'magiclink', 'recovery', 'email_change'] as const
export type VerifyType = (typeof VERIFY_TYPES)[number]

/** Which stored tokens a verification type may match (GoTrue verify.go). */
const CANDIDATES: Record<VerifyType, EmailAction[]> = {
  email: ['signup', 'magiclink'],
  signup: ['signup'],
  invite: ['invite'],
  magiclink: ['magiclink'],
  recovery: ['recovery'],
  email_change: ['email_change'],
}

export function parseVerifyType(type: string | undefined): VerifyType {
  if (!type) throw validationFailed('Verify requires a verification type')
  if (type === 'sms' || type === 'phone_change')
    throw new AuthError(400, 'validation_failed', 'Unsupported phone provider')
  if (!(VERIFY_TYPES as readonly string[]).includes(type)) throw validationFailed('Unsupported verification type')
  return type as VerifyType
}

export type Proof = { tokenHash: string } | { email: string; token: string }

export interface Verified {
  user: UserRow
  /** The stored token carried the `pkce_` prefix: the link belongs to a PKCE flow. */
  pkce: boolean
}

const expired = (proof: Proof) =>
  forbidden(
    'otp_expired',
    'tokenHash' in proof ? 'Email link is invalid or has expired' : 'Token has expired or is invalid',
  )

async function findMatch(tx: TransactionSql, type: VerifyType, proof: Proof) {
  for (const action of CANDIDATES[type]) {
    const slot = SLOTS[action]
    let rows: UserRow[]
    if ('tokenHash' in proof) {
      rows = await tx<UserRow[]>`select * from auth.users where ${tx(slot.token)} = ${proof.tokenHash} for update`
    } else {
      const hash = tokenHash(proof.email, proof.token)
      const byColumn = action === 'email_change' ? 'email_change' : 'email'
      rows = await tx<UserRow[]>`
        select * from auth.users where lower(${tx(byColumn)}) = ${proof.email.toLowerCase()}
          and ${tx(slot.token)} in (${hash}, ${PKCE_PREFIX + hash}) for update`
    }
    const user = rows[0]
    if (user) return { user, action, stored: user[slot.token] ?? '' }
  }
  return undefined
}

/**
 * Consumes a one-time token: single use (cleared on success), valid for `otp_expiry` seconds
 * from its *_sent_at. Confirms the email (or applies the email change) as GoTrue does.
 */
export async function consumeToken(
  tx: TransactionSql,
  type: VerifyType,
  proof: Proof,
  otpExpiry: number,
): Promise<Verified> {
  const match = await findMatch(tx, type, proof)
  if (!match) throw expired(proof)
  const slot = SLOTS[match.action]
  const sentAt = match.user[slot.sentAt]
  if (!sentAt || sentAt.getTime() + otpExpiry * 1000 < Date.now()) throw expired(proof)
  if (isBanned(match.user)) throw forbidden('user_banned', 'User is banned')
  const id = match.user.id
  await tx`update auth.users set ${tx(slot.token)} = '', updated_at = now() where id = ${id}`
  if (match.action === 'email_change') {
    await tx`
      update auth.users set email = email_change, email_change = '', email_change_sent_at = null,
        raw_user_meta_data = case when raw_user_meta_data ? 'email'
          then jsonb_set(raw_user_meta_data, '{email}', to_jsonb(email_change)) else raw_user_meta_data end
      where id = ${id}`
    await tx`
      update auth.identities set identity_data = jsonb_set(identity_data, '{email}', to_jsonb(u.email)), updated_at = now()
      from auth.users u where u.id = ${id} and auth.identities.user_id = u.id and auth.identities.provider = 'email'`
  }
  await confirmEmail(tx, id)
  const user = await findUserById(tx, id)
  if (!user) throw expired(proof)
  return { user, pkce: match.stored.startsWith(PKCE_PREFIX) }
}
