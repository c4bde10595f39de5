import 'server-only'
import { confirmUrl } from '@/lib/auth/confirm-url'
import { AppError } from '@/lib/errors'
import { dbFailure, type Db } from '@/lib/server/db'
import { FieldErrors, parseOrFieldErrors } from '@/lib/server/field-errors'
import { enforceRateLimit, RATE_LIMITS } from '@/lib/security/rate-limit'
import { AccountNameSchema, EmailChangeSchema } from './account.schema'

/** Where the account page lives, and where an email-change link brings her back to. */
export const ACCOUNT_PATH = '/dashboard/account'

function authFailure(what: string, error: { code?: string; message: string }): AppError {
  if (error.code === 'over_request_rate_limit' || error.code === 'over_email_send_rate_limit') {
    return new AppError({ code: 'rate_limited', message: 'Too many requests. Please wait a minute and try again.' })
  }
  return new AppError({ code: 'internal', message: `We could not ${what}. Please try again.`, cause: error })
}

/**
 * Her name, where her colleagues read it (profiles, under her RLS: only `full_name` is hers to
 * change) and where the session carries it (user metadata), refreshed so the page shows it now.
 */
export async function renameAccount(db: Db, userId: string, input: unknown): Promise<{ fullName: string }> {
  const { fullName } = parseOrFieldErrors(AccountNameSchema, input)
  const { error } = await db.from('profiles').update({ full_name: fullName }).eq('id', userId)
  if (error) throw dbFailure('save your name', error)
  const { error: authError } = await db.auth.updateUser({ data: { full_name: fullName } })
  if (authError) throw authFailure('save your name', authError)
  const { error: refreshError } = await db.auth.refreshSession()
  if (refreshError) throw authFailure('refresh your session', refreshError)
  return { fullName }
}

/**
 * Starts Supabase's email change: the new address (and, with secure email change, the current
 * one) gets a link, and the sign-in email changes only once it is confirmed. Limited per person,
 * since each request mails an address she names.
 */
export async function requestEmailChange(
  deps: { db: Db; admin: Db; siteUrl: string },
  user: { id: string; email: string | null },
  input: unknown,
): Promise<{ email: string }> {
  const { email } = parseOrFieldErrors(EmailChangeSchema, input)
  if (email === user.email?.toLowerCase()) throw new FieldErrors({ email: 'That is already your sign-in email.' })
  await enforceRateLimit(deps.admin, user.id, RATE_LIMITS.emailChange)
  const { error } = await deps.db.auth.updateUser({ email }, { emailRedirectTo: confirmUrl(deps.siteUrl, ACCOUNT_PATH) })
  if (error?.code === 'email_exists') throw new FieldErrors({ email: 'Another DoulaOS login already uses this address.' })
  if (error) throw authFailure('start the change of your email', error)
  return { email }
}

/** Ends every other session of hers (other browsers and devices); this one stays signed in. */
export async function signOutOtherDevices(db: Db): Promise<void> {
  const { error } = await db.auth.signOut({ scope: 'others' })
  if (error) throw authFailure('sign out your other devices', error)
}
