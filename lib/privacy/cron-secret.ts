import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/**
 * Whether `authorization` is exactly `Bearer <secret>`, compared in constant time (both sides are
 * hashed first, so neither the content nor the length leaks through timing). Fails closed: no
 * header, no secret or a short secret means no.
 */
export function isCronAuthorized(authorization: string | null, secret: string | undefined): boolean {
  if (!secret || secret.length < 16 || authorization === null) return false
  return timingSafeEqual(digest(authorization), digest(`Bearer ${secret}`))
}
