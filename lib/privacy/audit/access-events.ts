import 'server-only'
import { dbFailure, type Db } from '@/lib/server/db'
import type { RequestMeta } from '@/lib/security/client-ip'
import { recordAuditEvent } from './record-event.ts'

/** Opening the same client's record again within this window is one view on the trail. */
export const VIEW_WINDOW_MINUTES = 10

/**
 * A member opened a client's record (after her RLS read found it). One audit row per person,
 * client and window: tab changes and reloads re-render the page, and each would otherwise be a row.
 * Costs one indexed read and at most one insert; the row is written by the server, never as her.
 */
export async function recordClientView(admin: Db, view: { practiceId: string; actorId: string; clientId: string }, meta: RequestMeta, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - VIEW_WINDOW_MINUTES * 60_000).toISOString()
  const { data, error } = await admin
    .from('audit_log')
    .select('id')
    .eq('practice_id', view.practiceId)
    .gte('occurred_at', since)
    .eq('action', 'client.view')
    .eq('actor_id', view.actorId)
    .eq('entity_id', view.clientId)
    .limit(1)
  if (error) throw dbFailure('check the audit log', error)
  if (data.length > 0) return false
  await recordAuditEvent(admin, { practiceId: view.practiceId, actorId: view.actorId, action: 'client.view', entity: 'clients', entityId: view.clientId }, meta)
  return true
}

/**
 * A sign-in, on the trail of every practice she belongs to (as a member, or as a client with portal
 * access), with the address the platform vouches for. Called where an email link becomes a
 * session, once per link (the link works once).
 */
export async function recordSignIn(admin: Db, userId: string, meta: RequestMeta): Promise<number> {
  const [members, clients] = await Promise.all([
    admin.from('practice_members').select('practice_id').eq('user_id', userId),
    admin.from('clients').select('practice_id').eq('portal_user_id', userId),
  ])
  if (members.error) throw dbFailure('load her practices', members.error)
  if (clients.error) throw dbFailure('load her practices', clients.error)
  const practices = new Set([...members.data, ...clients.data].map((r) => r.practice_id))
  for (const practiceId of practices) {
    await recordAuditEvent(admin, { practiceId, actorId: userId, action: 'auth.sign_in', entity: 'sessions' }, meta)
  }
  return practices.size
}
