import 'server-only'
import type { SupabaseClient } from '@supabase/supabase-js'
import { billingRefusal } from '@/lib/billing/write-refusals'
import type { Database } from '@/lib/database.types'
import { AppError } from '@/lib/errors'

/**
 * The one database handle every query and service takes as its first parameter: a typed Supabase
 * client. A user-scoped one (from a request context) runs every query under the caller's RLS; the
 * service-role one (`createAdminClient`) has the same type and bypasses RLS, so a parameter that
 * must be the service role says so in its name (`admin`).
 */
export type Db = SupabaseClient<Database>

/**
 * Any Supabase `error` ends here: logged with its detail, shown generically, except the database's
 * refusals a person can act on: a practice or client being erased, a read-only practice (its
 * subscription ended), no free seat.
 */
export function dbFailure(what: string, cause: unknown): AppError {
  if (typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === PG_ERROR.objectInUse) {
    return new AppError({ code: 'conflict', message: 'This record is being deleted, so it can no longer be changed.', cause })
  }
  return billingRefusal(cause as Parameters<typeof billingRefusal>[0]) ?? new AppError({ code: 'internal', message: `We could not ${what}.`, cause })
}

/** The Postgres error codes the app answers differently from any other failure (SQLSTATE). */
export const PG_ERROR = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  /** Also what a row-level security policy raises when it refuses a write. */
  insufficientPrivilege: '42501',
  /** What a `raise ... using errcode = 'P0002'` (no_data_found) in our SQL functions signals. */
  noDataFound: 'P0002',
  serializationFailure: '40001',
  /** What the erasure lock raises: the practice or client is being deleted. */
  objectInUse: '55000',
} as const

/** A row of a table named at run time: its columns are known only to the catalog. */
export type CatalogRow = Record<string, unknown>

/**
 * A query on a table named at run time (the exports walk the tables the catalog lists), which the
 * generated types cannot check: the same client and role, with rows as plain records. Everything
 * else takes a table by name through `db.from`.
 */
export function fromCatalogTable(db: Db, table: string) {
  const loose: SupabaseClient = db
  return loose.from(table)
}

export const notFound = (what: string) => new AppError({ code: 'not_found', message: `That ${what} was not found.` })

/**
 * The answer after RLS refused or filtered a write. A row (or practice) the caller can still read
 * means she is a member without the role the write needs; anything else is another practice's,
 * which must look exactly like a missing one.
 */
export function refusal(visibleToCaller: boolean, what: string): AppError {
  return visibleToCaller
    ? new AppError({ code: 'forbidden', message: 'Only the practice owner or an admin can change this.' })
    : notFound(what)
}
