import { createHash, randomInt } from 'node:crypto'
import { AuthError } from './errors.ts'
import type { Db, UserRow } from './users.ts'

/** The email actions that store a one-time token on the user row. */
export type EmailAction = 'signup' | 'invite' | 'magiclink' | 'recovery' | 'email_change'

interface TokenSlot {
  token: 'confirmation_token' | 'recovery_token' | 'email_change_token_new'
  sentAt: 'confirmation_sent_at' | 'recovery_sent_at' | 'email_change_sent_at'
}

/** Magic links reuse the recovery columns; signup and invite the confirmation ones (GoTrue mail.go). */
export const SLOTS: Record<EmailAction, TokenSlot> = {
  signup: { token: 'confirmation_token', sentAt: 'confirmation_sent_at' },
  invite: { token: 'confirmation_token', sentAt: 'confirmation_sent_at' },
  magiclink: { token: 'recovery_token', sentAt: 'recovery_sent_at' },
  recovery: { token: 'recovery_token', sentAt: 'recovery_sent_at' },
  email_change: { token: 'email_change_token_new', sentAt: 'email_change_sent_at' },
}

export const PKCE_PREFIX = 'pkce_'

export function generateOtp(length: number): string {
  let otp = ''
  for (let i = 0; i < length; i++) otp += String(randomInt(10))
  return otp
}

/** lowercase hex SHA-224 of the lowercased email followed by the OTP. */
export function tokenHash(email: string, otp: string): string {
  return createHash('sha224')
    .update(email.toLowerCase() + otp)
    .digest('hex')
}

export interface IssuedToken {
  otp: string
  /** The stored value and the `token_hash` emails carry; `pkce_`-prefixed for PKCE flows. */
  hash: string
}

export function newToken(email: string, otpLength: number, pkce: boolean): IssuedToken {
  const otp = generateOtp(otpLength)
  const hash = tokenHash(email, otp)
  return { otp, hash: pkce ? PKCE_PREFIX + hash : hash }
}

export async function storeToken(db: Db, userId: string, action: EmailAction, hash: string) {
  const slot = SLOTS[action]
  await db`
    update auth.users set ${db(slot.token)} = ${hash}, ${db(slot.sentAt)} = now(), updated_at = now()
    where id = ${userId}`
}

/** max_frequency: another email of the same kind within the window is refused (429). */
export function checkSendFrequency(user: UserRow, action: EmailAction, maxFrequencySeconds: number) {
  const sentAt = user[SLOTS[action].sentAt]
  if (!sentAt || maxFrequencySeconds <= 0) return
  const waitMs = sentAt.getTime() + maxFrequencySeconds * 1000 - Date.now()
  if (waitMs > 0) {
    throw new AuthError(
      429,
      'over_email_send_rate_limit',
      `For security purposes, you can only request this after ${Math.ceil(waitMs / 1000)} seconds.`,
    )
  }
}
