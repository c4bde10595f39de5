import type { IncomingMessage } from 'node:http'
import type { Sql, TransactionSql } from 'postgres'
import { bearer } from '../http.ts'
import { JwtError, verifyJwt, type JwtFailure } from '../jwt.ts'
import type { Keys } from '../keys.ts'
import { storageErrors } from './errors.ts'

/** The roles Storage's database user may switch to; any other `role` claim is refused. */
const API_ROLES = new Set(['anon', 'authenticated', 'service_role'])
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface Caller {
  role: string
  /** The JWT `sub`; undefined for the anon and service_role keys. */
  sub: string | undefined
  token: string
  claims: Record<string, unknown>
}

/** Storage reports JWT failures with jose's wording; these are the messages for each failure. */
const JOSE_MESSAGES: Record<JwtFailure, string> = {
  malformed: 'Invalid Compact JWS',
  signature: 'signature verification failed',
  expired: '"exp" claim timestamp check failed',
  claims: 'JWT claims validation failed',
}

export async function authenticate(req: IncomingMessage, keys: Keys): Promise<Caller> {
  const token = bearer(req) ?? ''
  let claims: Record<string, unknown>
  try {
    claims = await verifyJwt(token, keys)
  } catch (err) {
    if (err instanceof JwtError) throw storageErrors.accessDenied(JOSE_MESSAGES[err.reason])
    throw err
  }
  const role = typeof claims.role === 'string' ? claims.role : 'anon'
  if (!API_ROLES.has(role)) throw storageErrors.accessDenied(`role "${role}" is not allowed`)
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined
  return { role, sub, token, claims }
}

/** Storage writes `owner` only when the subject is a UUID; `owner_id` always carries it. */
export function ownerColumns(sub: string | undefined) {
  return { owner: sub && UUID.test(sub) ? sub : null, owner_id: sub ?? null }
}

export interface RequestScope {
  caller: Caller
  method: string
  path: string
  headers: IncomingMessage['headers']
  operation: string
}

/** Thrown inside a transaction to roll it back while still handing a value out. */
class Rollback<T> {
  constructor(readonly value: T) {}
}

/**
 * Runs `fn` as the caller: one set_config sets the role and the request settings that
 * policies read (auth.uid(), auth.jwt(), request headers), exactly as Storage scopes its
 * queries. Everything `fn` does is subject to RLS for that role.
 */
export async function asCaller<T>(
  sql: Sql,
  scope: RequestScope,
  fn: (tx: TransactionSql) => Promise<T>,
  options: { rollback?: boolean } = {},
): Promise<T> {
  const { caller } = scope
  try {
    return (await sql.begin(async (tx) => {
      await tx`select
        set_config('role', ${caller.role}, true),
        set_config('request.jwt.claim.role', ${caller.role}, true),
        set_config('request.jwt', ${caller.token}, true),
        set_config('request.jwt.claim.sub', ${caller.sub ?? ''}, true),
        set_config('request.jwt.claims', ${JSON.stringify(caller.claims)}, true),
        set_config('request.headers', ${JSON.stringify(scope.headers)}, true),
        set_config('request.method', ${scope.method}, true),
        set_config('request.path', ${scope.path}, true),
        set_config('storage.operation', ${scope.operation}, true),
        set_config('storage.allow_delete_query', 'true', true)`
      const value = await fn(tx)
      if (options.rollback) throw new Rollback(value)
      return value
    })) as T
  } catch (err) {
    if (err instanceof Rollback) return err.value as T
    throw err
  }
}

/** Superuser work (bucket lookups, the final object write) with deletes through the API allowed. */
export async function asService<T>(sql: Sql, fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return (await sql.begin(async (tx) => {
    await tx`select set_config('storage.allow_delete_query', 'true', true)`
    return fn(tx)
  })) as T
}
