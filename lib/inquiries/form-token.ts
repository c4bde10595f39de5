import 'server-only'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { serverEnv } from '@/lib/env'

/** A person needs at least this long to fill the form; bots post at once. */
export const MIN_FILL_MS = 3000
/** A page left open longer than this is re-served with a fresh token (her answers kept). */
export const MAX_FORM_AGE_MS = 24 * 60 * 60 * 1000

const mac = (secret: string, slug: string, issuedAt: number) =>
  createHmac('sha256', `inquiry-form-token:${secret}`).update(`${slug}:${issuedAt}`).digest('base64url')

/** The server's clock when the form was served, signed, so the browser's clock is never trusted. */
export function issueFormToken(secret: string, slug: string, now: number): string {
  return `${now}.${mac(secret, slug, now)}`
}

/** The key tokens are signed with: derived from a server-only secret, never sent anywhere. */
export const formTokenSecret = (): string => serverEnv().SUPABASE_SERVICE_ROLE_KEY

/** A token for a form served now. */
export const freshFormToken = (slug: string): string => issueFormToken(formTokenSecret(), slug, Date.now())

export type FormTokenCheck = 'ok' | 'invalid' | 'too_fast' | 'expired'

export function checkFormToken(secret: string, slug: string, token: string, now: number): FormTokenCheck {
  const [issued, signature] = token.split('.')
  const issuedAt = Number(issued)
  if (!signature || !Number.isSafeInteger(issuedAt)) return 'invalid'
  const expected = Buffer.from(mac(secret, slug, issuedAt))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid'
  if (now - issuedAt < MIN_FILL_MS) return 'too_fast'
  if (now - issuedAt > MAX_FORM_AGE_MS) return 'expired'
  return 'ok'
}
