import { createHash, randomUUID } from 'node:crypto'
import type { TransactionSql } from 'postgres'
import { AuthError, validationFailed } from './errors.ts'
import type { AuthMethod } from './sessions.ts'
import type { Db } from './users.ts'

/** How long an auth code stays exchangeable after it is handed out (GoTrue's default 300 s). */
const FLOW_STATE_TTL_MS = 300_000

export interface PkceParams {
  challenge: string
  method: 's256' | 'plain'
}

/** Validates the optional challenge pair of /otp, /user etc.; undefined means the implicit flow. */
export function pkceParams(challenge: string | undefined, method: string | undefined): PkceParams | undefined {
  if (!challenge && !method) return undefined
  if (!challenge || !method) {
    throw validationFailed('PKCE flow requires code_challenge_method and code_challenge')
  }
  const m = method.toLowerCase()
  if (m !== 's256' && m !== 'plain') throw validationFailed('code challenge method not supported')
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(challenge)) {
    throw validationFailed(
      "code challenge has to be between 43 and 128 characters and only contain alphanumeric characters, '.', '-', '_' and '~'",
    )
  }
  return { challenge, method: m }
}

/**
 * Records a PKCE flow for `userId`. The auth code stored here is never disclosed: GET /verify
 * replaces it with a fresh one when it redirects, so only a verified link yields a usable code.
 */
export async function createFlowState(tx: TransactionSql, userId: string, pkce: PkceParams, method: AuthMethod) {
  await tx`
    insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type, authentication_method)
    values (${randomUUID()}, ${userId}, ${randomUUID()}, ${pkce.method}, ${pkce.challenge}, 'email', ${method})`
}

/** Hands out the auth code of the user's latest flow; undefined when no flow is pending. */
export async function issueAuthCode(db: Db, userId: string): Promise<string | undefined> {
  const code = randomUUID()
  const rows = await db`
    update auth.flow_state set auth_code = ${code}, updated_at = now()
    where id = (select id from auth.flow_state where user_id = ${userId} order by created_at desc limit 1)
    returning id`
  return rows.length ? code : undefined
}

interface FlowStateRow {
  id: string
  user_id: string | null
  code_challenge_method: string
  code_challenge: string
  authentication_method: string
  updated_at: Date
}

/** Consumes the flow for `authCode` when `verifier` matches; returns the user and the flow's method. */
export async function consumeFlowState(tx: TransactionSql, authCode: string, verifier: string) {
  const [flow] = await tx<FlowStateRow[]>`
    select id, user_id, code_challenge_method, code_challenge, authentication_method, updated_at
    from auth.flow_state where auth_code = ${authCode} for update`
  if (!flow || !flow.user_id) {
    throw new AuthError(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found')
  }
  if (flow.updated_at.getTime() + FLOW_STATE_TTL_MS < Date.now()) {
    throw new AuthError(422, 'flow_state_expired', 'invalid flow state, flow state has expired')
  }
  const expected =
    flow.code_challenge_method.toLowerCase() === 's256'
      ? createHash('sha256').update(verifier).digest('base64url')
      : verifier
  if (expected !== flow.code_challenge) {
    throw new AuthError(400, 'bad_code_verifier', 'code challenge does not match previously saved code verifier')
  }
  await tx`delete from auth.flow_state where id = ${flow.id}`
  return { userId: flow.user_id, method: flow.authentication_method as AuthMethod }
}
