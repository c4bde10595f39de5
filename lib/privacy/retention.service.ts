import type { SupabaseClient } from '@supabase/supabase-js'
import { z } from 'zod'

/**
 * Removes audit rows past retention through the data model's purge (which refuses anything
 * shorter than its 6-year minimum). Returns how many rows went.
 */
export async function purgeExpiredAuditRows(admin: SupabaseClient): Promise<number> {
  const { data, error } = await admin.rpc('purge_expired_audit_log')
  if (error) throw new Error(`Audit retention purge failed: ${error.message}`)
  return z.coerce.number().int().nonnegative().parse(data)
}
