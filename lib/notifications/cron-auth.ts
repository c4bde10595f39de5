import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * Vercel calls crons with `Authorization: Bearer <CRON_SECRET>`. Both sides are hashed before the
 * constant-time compare so neither the length nor a prefix of the secret leaks through timing.
 * Fails closed: a missing secret or header is never a match.
 */
export function isAuthorizedCron(header: string | null, secret: string | undefined): boolean {
  if (!secret || secret.length < 16 || !header) return false
  const digest = (text: string) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(header), digest(`Bearer ${secret}`))
}
