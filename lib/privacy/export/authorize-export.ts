import type { SupabaseClient } from '@supabase/supabase-js'
import { AppError } from '@/lib/errors'
import { requirePracticeRole, type Eraser } from '../require-practice-role.ts'

/**
 * Owners and admins may export; the export is recorded in the audit log as the caller, before a
 * single byte is sent, so an export that is cut short is still on record.
 */
export async function authorizeExport(userClient: SupabaseClient, practiceId: string): Promise<Eraser> {
  const { eraser } = await requirePracticeRole(userClient, practiceId, ['owner', 'admin'])
  const { error } = await userClient.rpc('record_audit_event', {
    practice_id: practiceId,
    action: 'export.create',
    entity: 'practices',
    entity_id: practiceId,
  })
  if (error) throw new AppError({ code: 'internal', message: 'We could not record the export.', cause: error })
  return eraser
}
