import type { IncomingMessage, ServerResponse } from 'node:http'
import { clientIp } from '../http.ts'
import type { LocalContext } from '../types.ts'
import { AuthError } from './errors.ts'
import type { IpRateLimiter } from './rate-limit.ts'
import type { ClientMeta } from './sessions.ts'

/** What every route handler receives. */
export interface RouteContext {
  ctx: LocalContext
  req: IncomingMessage
  res: ServerResponse
  url: URL
  limiter: IpRateLimiter
  /** Path parameters, e.g. the user id of /admin/users/{id}. */
  params: Record<string, string>
}

export type Handler = (rc: RouteContext) => Promise<void>

export function clientMeta(req: IncomingMessage): ClientMeta & { ip: string } {
  const ua = req.headers['user-agent']
  return { ip: clientIp(req), userAgent: Array.isArray(ua) ? ua[0] : ua }
}

export function autoconfirm(ctx: LocalContext): boolean {
  return !ctx.config.auth.email.enableConfirmations
}

/** GoTrue's password rule: at least `minimum_password_length` characters, else 422 weak_password. */
export function checkPassword(ctx: LocalContext, password: string) {
  const min = ctx.config.auth.minimumPasswordLength
  if ([...password].length < min) {
    throw new AuthError(422, 'weak_password', `Password should be at least ${min} characters.`, {
      weak_password: { reasons: ['length'] },
    })
  }
}
