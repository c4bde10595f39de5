import { createHmac, randomUUID } from 'node:crypto'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import type { Sql, TransactionSql } from 'postgres'
import { stack, type StackInfo } from './stack.ts'

/** A login created directly in auth.users (confirmed email plus an email identity). */
export interface TestUser {
  id: string
  email: string
}

export interface NewUser {
  email?: string
  fullName?: string
  practiceName?: string
}

/** An HS256 token signed with the stack's JWT secret, as the API accepts from GoTrue and the CLI's keys. */
function signHs256(claims: object, secret: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`
}

export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@test.doulaos.app`

export async function createUser(sql: Sql, input: NewUser = {}): Promise<TestUser> {
  const id = randomUUID()
  const email = input.email ?? uniqueEmail('user')
  const meta: Record<string, string> = {}
  if (input.fullName !== undefined) meta.full_name = input.fullName
  if (input.practiceName !== undefined) meta.practice_name = input.practiceName
  await sql.begin(async (tx) => {
    await tx`
      insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data,
                              raw_user_meta_data, created_at, updated_at)
      values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated', ${email}, now(),
              ${tx.json({ provider: 'email', providers: ['email'] })}, ${tx.json(meta)}, now(), now())`
    await tx`
      insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
      values (${id}, ${id}, ${tx.json({ sub: id, email, email_verified: true })}, 'email', now(), now())`
  })
  return { id, email }
}

export function claimsFor(user: TestUser) {
  const now = Math.floor(Date.now() / 1000)
  return {
    sub: user.id,
    role: 'authenticated',
    aud: 'authenticated',
    email: user.email,
    iat: now,
    exp: now + 3600,
    session_id: randomUUID(),
  }
}

export async function accessToken(user: TestUser): Promise<string> {
  return signHs256(claimsFor(user), stack().jwtSecret)
}

const clientOptions = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
}

/** supabase-js with the anon key only: an anonymous visitor. */
export function anonApiClient(info: StackInfo = stack()): SupabaseClient {
  return createClient(info.apiUrl, info.anonKey, clientOptions)
}

/** supabase-js with the service-role key: the app's admin client. */
export function serviceApiClient(info: StackInfo = stack()): SupabaseClient {
  return createClient(info.apiUrl, info.serviceRoleKey, clientOptions)
}

/** supabase-js acting as `user`, exactly as the app's server client does with a session. */
export async function clientAs(
  user: TestUser,
  info: StackInfo = stack(),
  headers: Record<string, string> = {},
): Promise<SupabaseClient> {
  const token = await accessToken(user)
  return createClient(info.apiUrl, info.anonKey, {
    ...clientOptions,
    global: { headers: { ...headers, Authorization: `Bearer ${token}` } },
  })
}

/**
 * Runs `fn` in a transaction as PostgREST would for `user`: role authenticated (or anon when
 * user is null) and request.jwt.claims set. Rolled back unless `commit` is true.
 */
export async function asRole<T>(
  sql: Sql,
  user: TestUser | null,
  fn: (tx: TransactionSql) => Promise<T>,
  { commit = false }: { commit?: boolean } = {},
): Promise<T> {
  let result: T | undefined
  const rollback = new Error('rollback')
  try {
    await sql.begin(async (tx) => {
      if (user) {
        await tx`select set_config('request.jwt.claims', ${JSON.stringify(claimsFor(user))}, true)`
        await tx`set local role authenticated`
      } else {
        await tx`select set_config('request.jwt.claims', ${JSON.stringify({ role: 'anon' })}, true)`
        await tx`set local role anon`
      }
      result = await fn(tx)
      if (!commit) throw rollback
    })
  } catch (e) {
    if (e !== rollback) throw e
  }
  return result as T
}
