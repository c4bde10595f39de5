import 'server-only'
import { createHash, randomBytes } from 'node:crypto'
import { AppError } from '@/lib/errors'
import type { Db } from '@/lib/server/db'

/** config.toml's [auth.email] otp_expiry (600 s): how long an emailed sign-in button works. */
export const SIGN_IN_LINK_MINUTES = 10

/** 32 random bytes for the email; only their SHA-256 is stored (the accept functions hash the same way). */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, tokenHash: createHash('sha256').update(token, 'utf8').digest('hex') }
}

/** The practice (and, for a portal invitation, the client record) on whose behalf a login is created. */
export interface LoginOrigin {
  practiceId: string
  clientId?: string
}

/**
 * Makes sure `email` has a login, creating it when she has none, and records that this practice
 * brought it into being: only such logins may ever be deleted with the practice or the client.
 * A login that already existed is never recorded, so no practice can claim a stranger's account.
 */
async function ensureLogin(admin: Db, email: string, origin: LoginOrigin): Promise<void> {
  const created = await admin.auth.admin.createUser({ email, email_confirm: false })
  if (created.error) {
    if (created.error.code === 'email_exists') return
    throw new AppError({ code: 'internal', message: 'We could not create her sign-in link. Please try again.', cause: created.error })
  }
  const { error } = await admin.rpc('record_login_origin', {
    login: created.data.user.id,
    practice: origin.practiceId,
    client: origin.clientId,
  })
  if (error) throw new AppError({ code: 'internal', message: 'We could not create her sign-in link. Please try again.', cause: error })
}

/**
 * A one-time sign-in link for `email` (working for SIGN_IN_LINK_MINUTES) that continues to `next`,
 * an in-app path. Signing in through it proves she controls the address; nothing is joined or
 * linked until she accepts on the page it lands on.
 */
export async function mintSignInLink(admin: Db, email: string, origin: LoginOrigin, { siteUrl, next }: { siteUrl: string; next: string }): Promise<string> {
  await ensureLogin(admin, email, origin)
  const { data, error } = await admin.auth.admin.generateLink({ type: 'magiclink', email })
  if (error || !data.user) {
    throw new AppError({ code: 'internal', message: 'We could not create her sign-in link. Please try again.', cause: error })
  }
  const link = new URL('/auth/confirm', siteUrl)
  link.searchParams.set('token_hash', data.properties.hashed_token)
  link.searchParams.set('type', data.properties.verification_type)
  link.searchParams.set('next', next)
  return link.toString()
}
