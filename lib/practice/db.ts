import type { SupabaseClient } from '@supabase/supabase-js'
import type { Database } from '@/lib/database.types'
import { billingRefusal } from '@/lib/billing/write-refusals'
import { AppError } from '@/lib/errors'

/** A user-scoped, typed Supabase client: every query through it runs under the caller's RLS. */
export type Db = SupabaseClient<Database>

/**
 * Any Supabase `error` ends here: logged with its detail, shown generically, except the database's
 * billing refusals (read-only practice, no free seat), which say what happened.
 */
export function dbFailure(what: string, cause: unknown): AppError {
  return billingRefusal(cause as Parameters<typeof billingRefusal>[0]) ?? new AppError({ code: 'internal', message: `We could not ${what}.`, cause })
}

/** The Postgres error codes the app answers differently from any other failure (SQLSTATE). */
export const PG_ERROR = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  /** Also what a row-level security policy raises when it refuses a write. */
  insufficientPrivilege: '42501',
} as const

export const notFound = (what: string) => new AppError({ code: 'not_found', message: `That ${what} was not found.` })
