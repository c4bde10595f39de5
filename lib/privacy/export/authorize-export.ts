import 'server-only'
import { AppError } from '@/lib/errors'
import type { Db } from '@/lib/server/db'
import { enforceRateLimit, RATE_LIMITS, RateLimitedError } from '@/lib/security/rate-limit'
import { MANAGER_ROLES, requireMemberOf, type PracticeActor } from '@/lib/server/membership'

async function recordExport(userClient: Db, practiceId: string, outcome: 'success' | 'denied') {
  const { error } = await userClient.rpc('record_audit_event', {
    practice_id: practiceId,
    action: 'export.create',
    entity: 'practices',
    entity_id: practiceId,
    outcome,
  })
  if (error) throw new AppError({ code: 'internal', message: 'We could not record the export.', cause: error })
}

/**
 * Owners and admins may export, a few times an hour each (`admin` keeps the count). The export is
 * recorded in the audit log as the caller before a single byte is sent, so an export that is cut
 * short is still on record; a refusal for too many exports is recorded as denied.
 */
export async function authorizeExport(userClient: Db, admin: Db, practiceId: string): Promise<PracticeActor> {
  const { actor } = await requireMemberOf(userClient, practiceId, MANAGER_ROLES)
  try {
    await enforceRateLimit(admin, actor.userId, RATE_LIMITS.export)
  } catch (error) {
    if (error instanceof RateLimitedError) await recordExport(userClient, practiceId, 'denied')
    throw error
  }
  await recordExport(userClient, practiceId, 'success')
  return actor
}
