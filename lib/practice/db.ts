import type { SupabaseClient } from '@supabase/supabase-js'
import type { Database } from '@/lib/database.types'
import { AppError } from '@/lib/errors'

/** A user-scoped, typed Supabase client: every query through it runs under the caller's RLS. */
export type Db = SupabaseClient<Database>

/**
 * Any Supabase `error` ends here: logged with its detail, shown generically; a write refused
 * because the practice or client is being erased says so.
 */
export function dbFailure(what: string, cause: unknown): AppError {
  if (typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === PG_ERROR.objectInUse) {
    return new AppError({ code: 'conflict', message: 'This record is being deleted, so it can no longer be changed.', cause })
  }
  return new AppError({ code: 'internal', message: `We could not ${what}.`, cause })
}

/** The Postgres error codes the app answers differently from any other failure (SQLSTATE). */
export const PG_ERROR = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  /** Also what a row-level security policy raises when it refuses a write. */
  insufficientPrivilege: '42501',
  /** What the erasure lock raises: the practice or client is being deleted. */
  objectInUse: '55000',
} as const

export const notFound = (what: string) => new AppError({ code: 'not_found', message: `That ${what} was not found.` })
