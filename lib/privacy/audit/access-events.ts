import 'server-only'
import { AppError } from '@/lib/errors'
import { dbFailure, PG_ERROR, type Db } from '@/lib/server/db'
import type { RequestMeta } from '@/lib/security/client-ip'
import { recordAuditEvent } from './record-event.ts'

/**
 * A member opened a client's record (after her RLS read found it). One audit row per person,
 * client and 10 minutes (the window is the database's, `record_client_view`): tab changes and
 * reloads re-render the page, and each would otherwise be a row. One call, which checks and records
 * under a lock, so two renders at once record once; the row is written by the server, never as her.
 */
export async function recordClientView(admin: Db, view: { practiceId: string; actorId: string; clientId: string }, meta: RequestMeta, now = new Date()): Promise<boolean> {
  const { data, error } = await admin.rpc('record_client_view', {
    practice_id: view.practiceId,
    actor_id: view.actorId,
    client_id: view.clientId,
    ip: meta.ip ?? undefined,
    user_agent: meta.userAgent ?? undefined,
    seen_at: now.toISOString(),
  })
  if (error?.code === PG_ERROR.insufficientPrivilege) {
    throw new AppError({ code: 'forbidden', message: 'You are not part of this practice.', cause: error })
  }
  if (error) throw dbFailure('record the view in the audit log', error)
  return data
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
