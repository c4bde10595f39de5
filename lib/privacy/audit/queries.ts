import 'server-only'
import type { Db } from '@/lib/server/db'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { AUDIT_COLUMNS, AuditRowSchema, type AuditFilters, type AuditRow } from './audit-log.schema.ts'

export const AUDIT_PAGE_SIZE = 50

/**
 * One page of a practice's audit trail, newest first, as the caller's RLS allows (owners and
 * admins only). Keyset paging on (occurred_at, id) uses the (practice_id, occurred_at) index, so
 * page 1,000 costs what page 1 costs. "Client" matches every event about her: her client record and
 * every row of hers (documents, appointments, notes, …), by the trail's `subject_client_id`.
 */
export async function listAuditLog(
  supabase: Db,
  practiceId: string,
  filters: AuditFilters,
  limit = AUDIT_PAGE_SIZE,
): Promise<{ rows: AuditRow[]; hasMore: boolean }> {
  let query = supabase.from('audit_log').select(AUDIT_COLUMNS).eq('practice_id', practiceId)
  if (filters.actor) query = query.eq('actor_id', filters.actor)
  if (filters.client) query = query.eq('subject_client_id', filters.client)
  if (filters.action) query = query.eq('action', filters.action)
  if (filters.from) query = query.gte('occurred_at', `${filters.from}T00:00:00Z`)
  if (filters.to) query = query.lt('occurred_at', new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000).toISOString())
  if (filters.after) {
    const [at, id] = filters.after.split('~') as [string, string]
    query = query.or(`occurred_at.lt.${at},and(occurred_at.eq.${at},id.lt.${id})`)
  }
  const { data, error } = await query.order('occurred_at', { ascending: false }).order('id', { ascending: false }).limit(limit + 1)
  if (error) throw new AppError({ code: 'internal', message: 'We could not load the audit log.', cause: error })
  const rows = z.array(AuditRowSchema).parse(data)
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit }
}

/** Every matching row, page by page, for the CSV download. */
export async function* allAuditRows(supabase: Db, practiceId: string, filters: AuditFilters): AsyncIterable<AuditRow> {
  let after = filters.after
  for (;;) {
    const page = await listAuditLog(supabase, practiceId, { ...filters, after }, 500)
    yield* page.rows
    const last = page.rows.at(-1)
    if (!page.hasMore || !last) return
    after = `${last.occurred_at}~${last.id}`
  }
}
