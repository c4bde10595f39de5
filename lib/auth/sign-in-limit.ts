import 'server-only'
import type { Db } from '@/lib/server/db'
import { consumeRateLimit, emailSubject, enforceRateLimit, RATE_LIMITS } from '@/lib/security/rate-limit'

/** Longer than a typical send (hook + render + Resend), so known and unknown emails look alike. */
export const SIGN_IN_MIN_DURATION_MS = 1500
/** What a request past the slowdown's allowance takes at least. */
export const SLOWED_SIGN_IN_MIN_DURATION_MS = 5000

/**
 * Admits one request for a sign-in (or sign-up) link to `email`, counted per address whether or not
 * it has a login, so neither the delay nor the refusal says anything about the account. Returns the
 * least time the answer must take: a few requests go at the usual pace, the next ones are slowed,
 * then `RateLimitedError` refuses them until the window frees a slot.
 */
export async function admitSignInRequest(admin: Db, email: string): Promise<number> {
  const subject = emailSubject(email)
  await enforceRateLimit(admin, subject, RATE_LIMITS.signInLink)
  const slowed = (await consumeRateLimit(admin, subject, RATE_LIMITS.signInLinkSlowdown)) > 0
  return slowed ? SLOWED_SIGN_IN_MIN_DURATION_MS : SIGN_IN_MIN_DURATION_MS
}
