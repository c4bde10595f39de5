import 'server-only'
import { createHash } from 'node:crypto'
import { AppError } from '@/lib/errors'
import type { Db } from '@/lib/server/db'

export interface RateLimit {
  /** The counter's name in the database; the subject (a user or a practice) is given per call. */
  action: string
  max: number
  windowSeconds: number
  /** How the refusal names what was limited: "You can make 5 {what} an hour." */
  what: string
}

const HOUR = 3600

/** S33: costly or destructive requests, per signed-in user, and emails a practice sends to strangers. */
export const RATE_LIMITS = {
  export: { action: 'export.create', max: 5, windowSeconds: HOUR, what: 'exports' },
  accountErasure: { action: 'account.erase', max: 5, windowSeconds: HOUR, what: 'account deletion attempts' },
  erasureLink: { action: 'account.erase_link', max: 5, windowSeconds: HOUR, what: 'confirmation links' },
  clientErasure: { action: 'client.erase', max: 20, windowSeconds: HOUR, what: 'client deletions' },
  teamInvitation: { action: 'team.invite', max: 30, windowSeconds: HOUR, what: 'team invitations' },
  portalInvitation: { action: 'portal.invite', max: 30, windowSeconds: HOUR, what: 'portal invitations' },
  /** Per address, whichever practice sends: nobody's inbox can be flooded with invitations. */
  portalInvitationRecipient: { action: 'portal.invite_recipient', max: 3, windowSeconds: HOUR, what: 'portal invitations to one address' },
  /**
   * Sign-in and sign-up links per address (counted by `emailSubject`, whether or not it has a login,
   * so the answer reveals nothing): past the slowdown's allowance each request waits longer, past
   * this one it is refused until the window frees a slot.
   */
  signInLink: { action: 'auth.sign_in_link', max: 6, windowSeconds: 15 * 60, what: 'sign-in link requests for one address' },
  emailChange: { action: 'account.email_change', max: 5, windowSeconds: HOUR, what: 'email change requests' },
  signInLinkSlowdown: { action: 'auth.sign_in_link_slow', max: 3, windowSeconds: 15 * 60, what: 'sign-in link requests for one address' },
  /** The public inquiry form, per visitor address and per practice. */
  inquiryVisitor: { action: 'inquiry.visitor', max: 5, windowSeconds: HOUR, what: 'inquiries' },
  inquiryPractice: { action: 'inquiry.practice', max: 60, windowSeconds: HOUR, what: 'inquiries to one practice' },
} as const satisfies Record<string, RateLimit>

/**
 * The counter subject for an email address (counters are keyed by uuid): a name-based id from its
 * SHA-256, so the address itself is never stored in the counter table.
 */
export function emailSubject(email: string): string {
  return hashedSubject(`email:${email.trim().toLowerCase()}`)
}

/** The counter subject for a visitor's (trusted) IP address, hashed like an email address. */
export function ipSubject(ip: string): string {
  return hashedSubject(`ip:${ip}`)
}

function hashedSubject(name: string): string {
  const hex = createHash('sha256').update(name, 'utf8').digest('hex')
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** A refusal that carries when to try again (route handlers send it as Retry-After). */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number

  constructor(limit: RateLimit, retryAfterSeconds: number) {
    super({ code: 'rate_limited', message: rateLimitMessage(limit, retryAfterSeconds) })
    this.name = 'RateLimitedError'
    this.retryAfterSeconds = retryAfterSeconds
  }
}

function windowLabel(seconds: number): string {
  if (seconds === HOUR) return 'an hour'
  if (seconds % HOUR === 0) return `every ${seconds / HOUR} hours`
  return `every ${Math.ceil(seconds / 60)} minutes`
}

function waitLabel(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60))
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}

export function rateLimitMessage(limit: RateLimit, retryAfterSeconds: number): string {
  return `You can make ${limit.max} ${limit.what} ${windowLabel(limit.windowSeconds)}. Please try again in ${waitLabel(retryAfterSeconds)}.`
}

/**
 * Counts one request of `subject` (a verified user or practice id) against the limit, or throws
 * RateLimitedError. Fails closed: if the counter cannot be read, the request is refused.
 */
export async function enforceRateLimit(admin: Db, subject: string, limit: RateLimit): Promise<void> {
  const wait = await consumeRateLimit(admin, subject, limit)
  if (wait > 0) throw new RateLimitedError(limit, wait)
}

/** Counts one request of `subject` if the limit allows it: 0, else the seconds until it will (nothing counted). */
export async function consumeRateLimit(admin: Db, subject: string, limit: RateLimit): Promise<number> {
  const { data, error } = await admin.rpc('consume_rate_limit', {
    subject,
    action: limit.action,
    max_hits: limit.max,
    window_seconds: limit.windowSeconds,
  })
  if (error) throw new AppError({ code: 'internal', message: 'We could not check how often this was requested.', cause: error })
  return data
}
