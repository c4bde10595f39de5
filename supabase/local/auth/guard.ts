import type { IncomingMessage } from 'node:http'
import { bearer } from '../http.ts'
import { JwtError, verifyJwt } from '../jwt.ts'
import type { LocalContext } from '../types.ts'
import { AuthError, forbidden } from './errors.ts'
import { findUserById, UUID, type UserRow } from './users.ts'

type Claims = Awaited<ReturnType<typeof verifyJwt>>

/** Verifies the bearer JWT as GoTrue's parseJWTClaims does: 401 when absent, 403 bad_jwt when unusable. */
async function claimsOf(ctx: LocalContext, req: IncomingMessage): Promise<Claims> {
  const token = bearer(req)
  if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token')
  try {
    return await verifyJwt(token, ctx.keys)
  } catch (e) {
    if (!(e instanceof JwtError)) throw e
    const detail = e.reason === 'expired' ? 'token has invalid claims: token is expired' : e.message
    throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${detail}`)
  }
}

export interface Caller {
  user: UserRow
  sessionId: string | undefined
  claims: Claims
}

/** The signed-in user behind the request; refuses deleted users and ended sessions. */
export async function requireUser(ctx: LocalContext, req: IncomingMessage): Promise<Caller> {
  const claims = await claimsOf(ctx, req)
  if (typeof claims.sub !== 'string' || claims.sub === '')
    throw forbidden('bad_jwt', 'invalid claim: missing sub claim')
  if (!UUID.test(claims.sub)) throw forbidden('bad_jwt', 'invalid claim: sub claim must be a UUID')
  const user = await findUserById(ctx.sql, claims.sub)
  if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist')
  const sessionId = typeof claims.session_id === 'string' && claims.session_id !== '' ? claims.session_id : undefined
  if (sessionId) {
    const rows = UUID.test(sessionId)
      ? await ctx.sql`select 1 from auth.sessions where id = ${sessionId} and user_id = ${user.id}`
      : []
    if (rows.length === 0) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist')
  }
  return { user, sessionId, claims }
}

/** Admin routes accept only a JWT whose role is service_role (the CLI's GOTRUE_JWT_ADMIN_ROLES). */
export async function requireAdmin(ctx: LocalContext, req: IncomingMessage) {
  const claims = await claimsOf(ctx, req)
  if (claims.role !== 'service_role') throw forbidden('not_admin', 'User not allowed')
}
