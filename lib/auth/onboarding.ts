import 'server-only'
import { AppError } from '@/lib/errors'
import type { Db } from '@/lib/server/db'

/**
 * A doula who signed up carries `practice_name` in user_metadata; invited clients and team members
 * do not, and must never get a practice of their own by signing in.
 */
export function isDoulaSignup(userMetadata: Record<string, unknown> | undefined): boolean {
  const name = userMetadata?.practice_name
  return typeof name === 'string' && name.trim().length > 0
}

/**
 * Creates the practice and owner membership on the first confirmed sign-in. The SQL function is
 * idempotent (advisory lock per user), so a second device or a retried link never makes two.
 */
export async function completeOnboarding(db: Db): Promise<string> {
  const { data, error } = await db.rpc('complete_onboarding')
  if (error || !data) {
    throw new AppError({ code: 'internal', message: 'We could not finish setting up your practice.', cause: error })
  }
  return data
}
