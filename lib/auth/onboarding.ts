import 'server-only'
import { AppError } from '@/lib/errors'
import { dbFailure, PG_ERROR, type Db } from '@/lib/server/db'

/**
 * A doula who signed up carries `practice_name` in user_metadata; invited clients and team members
 * do not, and must never get a practice of their own by signing in.
 */
export function isDoulaSignup(userMetadata: Record<string, unknown> | undefined): boolean {
  const name = userMetadata?.practice_name
  return typeof name === 'string' && name.trim().length > 0
}

const PORTAL_LOGIN_REFUSAL = 'This login is for a client portal, so it cannot open a practice. Your portal is at /portal.'

/**
 * Creates the practice and owner membership on the first confirmed sign-in. The SQL function is
 * idempotent (advisory lock per user), so a second device or a retried link never makes two, and
 * it refuses a client's portal login (hint `portal_login`), whoever calls it.
 */
export async function completeOnboarding(db: Db): Promise<string> {
  const { data, error } = await db.rpc('complete_onboarding')
  if (error?.code === PG_ERROR.insufficientPrivilege && error.hint === 'portal_login') {
    throw new AppError({ code: 'forbidden', message: PORTAL_LOGIN_REFUSAL, cause: error })
  }
  if (error || !data) {
    throw new AppError({ code: 'internal', message: 'We could not finish setting up your practice.', cause: error })
  }
  return data
}

/** The caller is some practice's portal client and a member of none: her place is the portal, not onboarding. */
export async function isPortalOnlyLogin(db: Db): Promise<boolean> {
  const { data, error } = await db.rpc('is_portal_only_login')
  if (error) throw dbFailure('check where your account belongs', error)
  return data
}
