/** How recent a sign-in must be to delete the account (ASVS 7.5: re-authenticate first). */
export const FRESH_SIGN_IN_SECONDS = 5 * 60

/**
 * The time of the session's latest sign-in, from verified claims: the newest `amr` timestamp.
 * `iat` is deliberately not used: a token refresh renews it without anyone signing in again.
 */
export function lastSignInAt(claims: Record<string, unknown>): number | null {
  const amr = claims.amr
  if (Array.isArray(amr)) {
    const times = amr
      .map((entry) => (entry && typeof entry === 'object' ? (entry as { timestamp?: unknown }).timestamp : undefined))
      .filter((t): t is number => typeof t === 'number' && Number.isFinite(t))
    return times.length ? Math.max(...times) : null
  }
  return null
}

export function isFreshSignIn(claims: Record<string, unknown>, nowSeconds: number): boolean {
  const at = lastSignInAt(claims)
  return at !== null && at <= nowSeconds + 60 && nowSeconds - at <= FRESH_SIGN_IN_SECONDS
}
