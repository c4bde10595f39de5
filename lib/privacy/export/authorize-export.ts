import 'server-only'
import type { RequestMeta } from '@/lib/security/client-ip'
import { enforceRateLimit, RATE_LIMITS, RateLimitedError } from '@/lib/security/rate-limit'
import type { Db } from '@/lib/server/db'
import { MANAGER_ROLES, requireMemberOf, type PracticeActor } from '@/lib/server/membership'
import { recordAuditEvent } from '../audit/record-event.ts'

const recordExport = (admin: Db, actor: PracticeActor, practiceId: string, meta: RequestMeta, outcome: 'success' | 'denied') =>
  recordAuditEvent(admin, { practiceId, actorId: actor.userId, action: 'export.create', entity: 'practices', entityId: practiceId, outcome }, meta)

/**
 * Owners and admins may export, a few times an hour each (`admin` keeps the count). The export is
 * recorded in the audit log as the caller before a single byte is sent, so an export that is cut
 * short is still on record; a refusal for too many exports is recorded as denied.
 */
export async function authorizeExport(userClient: Db, admin: Db, practiceId: string, meta: RequestMeta): Promise<PracticeActor> {
  const { actor } = await requireMemberOf(userClient, practiceId, MANAGER_ROLES)
  try {
    await enforceRateLimit(admin, actor.userId, RATE_LIMITS.export)
  } catch (error) {
    if (error instanceof RateLimitedError) await recordExport(admin, actor, practiceId, meta, 'denied')
    throw error
  }
  await recordExport(admin, actor, practiceId, meta, 'success')
  return actor
}
