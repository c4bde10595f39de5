import 'server-only'
import { AppError } from '@/lib/errors'
import { PG_ERROR, type Db } from '@/lib/server/db'
import type { RequestMeta } from '@/lib/security/client-ip'

/** The app events the server records (row changes are recorded by the database itself). */
export type AuditAction =
  | 'client.view'
  | 'auth.sign_in'
  | 'document.download'
  | 'form.download'
  | 'export.create'
  | 'portal.export'
  | 'audit_log.export'
  | 'clients.export'
  | 'appointments.export'
  | 'account.erase'
  | 'client.erase'

export interface AuditEvent {
  practiceId: string
  /** The verified user who acted; the database records her role in the practice (or client). */
  actorId: string
  action: AuditAction
  entity: 'documents' | 'form_requests' | 'practices' | 'clients' | 'appointments' | 'audit_log' | 'sessions'
  entityId?: string | null
  outcome?: 'success' | 'denied'
}

/**
 * Writes one app event to the practice's trail with the service role (people never write to it).
 * Throws `forbidden` when the actor is neither a member nor a client of the practice (her attempt
 * cannot go on its trail), `internal` when the write failed.
 */
export async function recordAuditEvent(admin: Db, event: AuditEvent, meta: RequestMeta): Promise<void> {
  const { error } = await admin.rpc('record_audit_event', {
    practice_id: event.practiceId,
    actor_id: event.actorId,
    action: event.action,
    entity: event.entity,
    entity_id: event.entityId ?? undefined,
    outcome: event.outcome ?? 'success',
    ip: meta.ip ?? undefined,
    user_agent: meta.userAgent ?? undefined,
  })
  if (error?.code === PG_ERROR.insufficientPrivilege) {
    throw new AppError({ code: 'forbidden', message: 'You are not part of this practice.', cause: error })
  }
  if (error) throw new AppError({ code: 'internal', message: 'We could not record this in the audit log.', cause: error })
}
