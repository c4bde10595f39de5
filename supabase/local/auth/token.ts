import type { TransactionSql } from 'postgres'
import { sendJson } from '../http.ts'
import type { LocalContext } from '../types.ts'
import { AuthError, badRequest, OAuthError, validationFailed } from './errors.ts'
import { consumeFlowState } from './pkce.ts'
import { optString, readJson, type Json } from './request.ts'
import { clientMeta, type RouteContext } from './route.ts'
import { issueSession, newRefreshToken, sessionBody } from './sessions.ts'
import { findUserByEmail, isBanned } from './users.ts'

interface RefreshRow {
  token: string
  revoked: boolean
  session_id: string | null
  user_id: string | null
  updated_at: Date
}

const tokenNotFound = () => badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found')

/**
 * Rotation with a reuse window: a revoked token presented within `refresh_token_reuse_interval`
 * of its revocation yields the session's current token; later reuse revokes the whole family.
 */
async function refreshGrant(ctx: LocalContext, tx: TransactionSql, presented: string): Promise<Json | AuthError> {
  const auth = ctx.config.auth
  const [rt] = await tx<RefreshRow[]>`
    select token, revoked, session_id, user_id, updated_at from auth.refresh_tokens where token = ${presented} for update`
  if (!rt) throw tokenNotFound()
  if (!rt.session_id) throw badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found')
  const { timebox, inactivityTimeout } = auth.sessions
  // refreshed_at is a UTC `timestamp` (GoTrue's column type), hence the `at time zone`.
  const [session] = await tx<{ user_id: string; expired: boolean }[]>`
    select user_id,
      (not_after is not null and not_after < now())
      or (${timebox} > 0 and created_at + make_interval(secs => ${timebox}) < now())
      or (${inactivityTimeout} > 0
          and coalesce(refreshed_at at time zone 'utc', created_at) + make_interval(secs => ${inactivityTimeout}) < now())
        as expired
    from auth.sessions where id = ${rt.session_id} for update`
  if (!session) throw badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found')
  if (session.expired) throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired')
  const [owner] = await tx<
    { banned_until: Date | null }[]
  >`select banned_until from auth.users where id = ${session.user_id}`
  if (!owner) throw tokenNotFound()
  if (owner.banned_until && owner.banned_until.getTime() > Date.now()) throw badRequest('user_banned', 'User is banned')

  let issued: string
  if (rt.revoked) {
    const withinReuse = rt.updated_at.getTime() + auth.refreshTokenReuseInterval * 1000 >= Date.now()
    const [active] = withinReuse
      ? await tx<{ token: string }[]>`
          select token from auth.refresh_tokens where session_id = ${rt.session_id} and not revoked
          order by id desc limit 1`
      : []
    if (!active) {
      await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = ${rt.session_id}`
      // Returned, not thrown: the family revocation must commit.
      return badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used')
    }
    issued = active.token
  } else {
    issued = newRefreshToken()
    if (auth.enableRefreshTokenRotation) {
      await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where token = ${rt.token}`
    }
    await tx`
      insert into auth.refresh_tokens (token, user_id, revoked, parent, session_id)
      values (${issued}, ${session.user_id}, false, ${rt.token}, ${rt.session_id})`
  }
  await tx`update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now() where id = ${rt.session_id}`
  return sessionBody(ctx, tx, session.user_id, rt.session_id, issued)
}

async function passwordGrant(ctx: LocalContext, tx: TransactionSql, body: Json, meta: ReturnType<typeof clientMeta>) {
  const email = optString(body, 'email')
  const password = optString(body, 'password') ?? ''
  if (optString(body, 'phone')) throw validationFailed('Unsupported phone provider')
  const invalid = () => badRequest('invalid_credentials', 'Invalid login credentials')
  const user = email ? await findUserByEmail(tx, email.trim()) : undefined
  if (!user || !user.encrypted_password || password === '') throw invalid()
  const [check] = await tx<{ ok: boolean }[]>`
    select ${user.encrypted_password} = extensions.crypt(${password}, ${user.encrypted_password}) as ok`
  if (!check?.ok) throw invalid()
  if (isBanned(user)) throw badRequest('user_banned', 'User is banned')
  if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed')
  return issueSession(ctx, tx, user.id, 'password', meta)
}

/** POST /token?grant_type=refresh_token|pkce|password */
export async function postToken({ ctx, req, res, url, limiter }: RouteContext) {
  const meta = clientMeta(req)
  const grant = url.searchParams.get('grant_type')
  if (grant === 'refresh_token') limiter.hit('tokenRefresh', meta.ip)
  else if (grant === 'password' || grant === 'pkce') limiter.hit('signInSignUps', meta.ip)
  const body = await readJson(req)
  let session: Json
  switch (grant) {
    case 'refresh_token': {
      const presented = optString(body, 'refresh_token')
      if (!presented) throw new OAuthError('invalid_request', 'refresh_token required')
      if (presented.length < 12) throw validationFailed('Refresh token is not valid')
      const outcome = await ctx.sql.begin((tx) => refreshGrant(ctx, tx, presented))
      if (outcome instanceof AuthError) throw outcome
      session = outcome
      break
    }
    case 'pkce': {
      const code = optString(body, 'auth_code')
      const verifier = optString(body, 'code_verifier')
      if (!code || !verifier)
        throw validationFailed('invalid request: both auth code and code verifier should be non-empty')
      session = await ctx.sql.begin(async (tx) => {
        const flow = await consumeFlowState(tx, code, verifier)
        return issueSession(ctx, tx, flow.userId, flow.method, meta)
      })
      break
    }
    case 'password':
      session = await ctx.sql.begin((tx) => passwordGrant(ctx, tx, body, meta))
      break
    default:
      throw new OAuthError('unsupported_grant_type', '')
  }
  sendJson(res, 200, session)
}
