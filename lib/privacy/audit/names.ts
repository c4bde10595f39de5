import 'server-only'
import { clientDisplayName } from '@/lib/messages/names'
import { dbFailure, type Db } from '@/lib/server/db'
import type { Member } from '@/lib/team/queries'
import type { AuditNames } from './audit-labels.ts'
import type { AuditRow } from './audit-log.schema.ts'

/** Records that belong to one client: an event on one of them concerns her. */
const SUBJECT_TABLES = ['journeys', 'milestones', 'appointments', 'notes', 'messages', 'documents', 'form_requests'] as const

/**
 * The names a page of the trail needs, read as the caller and always within this practice: a
 * person or client who is not (or no longer) in it is simply absent, so the page names her by what
 * she was and another practice's names never appear.
 */
export async function loadAuditNames(db: Db, practiceId: string, rows: AuditRow[], members: Member[]): Promise<AuditNames> {
  const subjectIds = (entity: string) => [...new Set(rows.filter((r) => r.entity === entity && r.entity_id).map((r) => r.entity_id!))]
  const subjectClients = new Map<string, string>()
  await Promise.all(
    SUBJECT_TABLES.map(async (table) => {
      const ids = subjectIds(table)
      if (ids.length === 0) return
      const { data, error } = await db.from(table).select('id, client_id').eq('practice_id', practiceId).in('id', ids)
      if (error) throw dbFailure(`load the ${table} of the audit log`, error)
      for (const row of data) subjectClients.set(row.id, row.client_id)
    }),
  )
  const clientIds = new Set([...subjectIds('clients'), ...subjectClients.values()])
  const logins = [...new Set(rows.filter((r) => r.actor_role === 'client' && r.actor_id).map((r) => r.actor_id!))]
  const clients = new Map<string, string>()
  const clientLogins = new Map<string, string>()
  if (clientIds.size > 0 || logins.length > 0) {
    const wanted = [clientIds.size > 0 ? `id.in.(${[...clientIds].join(',')})` : null, logins.length > 0 ? `portal_user_id.in.(${logins.join(',')})` : null]
    const { data, error } = await db
      .from('clients')
      .select('id, first_name, last_name, preferred_name, portal_user_id')
      .eq('practice_id', practiceId)
      .or(wanted.filter(Boolean).join(','))
    if (error) throw dbFailure('load the clients of the audit log', error)
    for (const c of data) {
      clients.set(c.id, clientDisplayName(c))
      if (c.portal_user_id) clientLogins.set(c.portal_user_id, c.id)
    }
  }
  return { people: new Map(members.map((m) => [m.userId, { name: m.name, role: m.role }])), clients, clientLogins, subjectClients }
}

/** Every client of the practice by name, for the client picker. */
export async function listClientChoices(db: Db, practiceId: string): Promise<{ id: string; name: string }[]> {
  const { data, error } = await db
    .from('clients')
    .select('id, first_name, last_name, preferred_name')
    .eq('practice_id', practiceId)
    .order('last_name')
    .order('first_name')
  if (error) throw dbFailure('load the clients', error)
  return data.map((c) => ({ id: c.id, name: clientDisplayName(c) }))
}
