import { randomBytes, randomUUID } from 'node:crypto'
import type { TransactionSql } from 'postgres'
import { signUserToken } from '../jwt.ts'
import type { LocalContext } from '../types.ts'
import { internal } from './errors.ts'
import type { Json } from './request.ts'
import { findUserById, userJson, type Db, type UserRow } from './users.ts'

/** An authentication method as GoTrue records it in the `amr` claim. */
export type AuthMethod = 'otp' | 'magiclink' | 'password' | 'email/signup' | 'invite' | 'recovery' | 'email_change'

interface Amr {
  method: string
  timestamp: number
}

export interface ClientMeta {
  userAgent?: string
  ip?: string
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** Opaque refresh tokens in GoTrue's legacy shape: 12 lowercase alphanumerics (auth-js never parses them). */
export function newRefreshToken(): string {
  return Array.from(randomBytes(12), (b) => ALNUM[b % ALNUM.length]).join('')
}

async function signAccessToken(ctx: LocalContext, user: UserRow, sessionId: string, amr: Amr[]) {
  const iat = Math.floor(Date.now() / 1000)
  const exp = iat + ctx.config.auth.jwtExpiry
  const token = await signUserToken(
    {
      iss: ctx.config.auth.externalUrl,
      sub: user.id,
      aud: user.aud || 'authenticated',
      exp,
      iat,
      email: user.email ?? '',
      phone: user.phone ?? '',
      app_metadata: user.raw_app_meta_data ?? {},
      user_metadata: user.raw_user_meta_data ?? {},
      role: user.role || 'authenticated',
      aal: 'aal1',
      amr,
      session_id: sessionId,
      is_anonymous: user.is_anonymous,
    },
    ctx.keys,
  )
  return { token, exp }
}

async function sessionAmr(db: Db, sessionId: string): Promise<Amr[]> {
  const rows = await db<{ authentication_method: string; created_at: Date }[]>`
    select authentication_method, created_at from auth.mfa_amr_claims
    where session_id = ${sessionId} order by created_at desc`
  return rows.map((r) => ({ method: r.authentication_method, timestamp: Math.floor(r.created_at.getTime() / 1000) }))
}

/** The §4.2 session body for an existing session and refresh token. */
export async function sessionBody(
  ctx: LocalContext,
  db: Db,
  userId: string,
  sessionId: string,
  refreshToken: string,
): Promise<Json> {
  const user = await findUserById(db, userId)
  if (!user) throw internal('Database error granting user')
  const { token, exp } = await signAccessToken(ctx, user, sessionId, await sessionAmr(db, sessionId))
  return {
    access_token: token,
    token_type: 'bearer',
    expires_in: ctx.config.auth.jwtExpiry,
    expires_at: exp,
    refresh_token: refreshToken,
    user: await userJson(db, user),
  }
}

/** Opens a session (auth.sessions, its amr claim and first refresh token) and stamps last_sign_in_at. */
export async function issueSession(
  ctx: LocalContext,
  tx: TransactionSql,
  userId: string,
  method: AuthMethod,
  meta: ClientMeta,
): Promise<Json> {
  const sessionId = randomUUID()
  await tx`update auth.users set last_sign_in_at = now(), updated_at = now() where id = ${userId}`
  await tx`update auth.identities set last_sign_in_at = now() where user_id = ${userId}`
  await tx`
    insert into auth.sessions (id, user_id, aal, user_agent, ip)
    values (${sessionId}, ${userId}, 'aal1', ${meta.userAgent ?? null}, ${meta.ip ?? null})`
  await tx`insert into auth.mfa_amr_claims (session_id, authentication_method) values (${sessionId}, ${method})`
  const refreshToken = newRefreshToken()
  await tx`
    insert into auth.refresh_tokens (token, user_id, revoked, parent, session_id)
    values (${refreshToken}, ${userId}, false, null, ${sessionId})`
  return sessionBody(ctx, tx, userId, sessionId, refreshToken)
}
