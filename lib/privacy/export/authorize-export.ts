import type { Db } from '@/lib/practice/db'
import type { RequestMeta } from '@/lib/security/client-ip'
import { enforceRateLimit, RATE_LIMITS, RateLimitedError } from '@/lib/security/rate-limit'
import { recordAuditEvent } from '../audit/record-event.ts'
import { requirePracticeRole, type Eraser } from '../require-practice-role.ts'

const recordExport = (admin: Db, eraser: Eraser, practiceId: string, meta: RequestMeta, outcome: 'success' | 'denied') =>
  recordAuditEvent(admin, { practiceId, actorId: eraser.userId, action: 'export.create', entity: 'practices', entityId: practiceId, outcome }, meta)

/**
 * Owners and admins may export, a few times an hour each (`admin` keeps the count). The export is
 * recorded in the audit log as the caller before a single byte is sent, so an export that is cut
 * short is still on record; a refusal for too many exports is recorded as denied.
 */
export async function authorizeExport(userClient: Db, admin: Db, practiceId: string, meta: RequestMeta): Promise<Eraser> {
  const { eraser } = await requirePracticeRole(userClient, practiceId, ['owner', 'admin'])
  try {
    await enforceRateLimit(admin, eraser.userId, RATE_LIMITS.export)
  } catch (error) {
    if (error instanceof RateLimitedError) await recordExport(admin, eraser, practiceId, meta, 'denied')
    throw error
  }
  await recordExport(admin, eraser, practiceId, meta, 'success')
  return eraser
}
