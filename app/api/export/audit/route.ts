// GET /api/export/audit?practice=<id>&actor=&client=&action=&from=&to= — the filtered audit log as CSV (owners, admins).
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { AuditFiltersSchema } from '@/lib/privacy/audit/audit-log.schema'
import { allAuditRows } from '@/lib/privacy/audit/queries'
import { recordAuditEvent } from '@/lib/privacy/audit/record-event'
import { requestMetaFrom } from '@/lib/security/client-ip'
import { csvResponse, mapRows } from '@/lib/server/csv-response'
import { errorResponse } from '@/lib/server/http'
import { MANAGER_ROLES, requireMemberOf } from '@/lib/server/membership'
import { createAdminClient } from '@/lib/supabase/admin'
import { createClient } from '@/lib/supabase/server'

export const dynamic = 'force-dynamic'

const HEADER = ['occurred_at', 'actor_id', 'actor_role', 'action', 'entity', 'entity_id', 'outcome', 'ip', 'user_agent', 'request_id'] as const

export async function GET(request: Request): Promise<Response> {
  try {
    const params = Object.fromEntries(new URL(request.url).searchParams)
    const practiceId = z.uuid().safeParse(params.practice)
    const filters = AuditFiltersSchema.safeParse(params)
    if (!practiceId.success || !filters.success) throw new AppError({ code: 'validation', message: 'Check the filters and try again.' })
    const db = await createClient()
    const { actor } = await requireMemberOf(db, practiceId.data, MANAGER_ROLES)
    await recordAuditEvent(
      createAdminClient(),
      { practiceId: practiceId.data, actorId: actor.userId, action: 'audit_log.export', entity: 'audit_log' },
      requestMetaFrom(request.headers),
    )

    const rows = mapRows(allAuditRows(db, practiceId.data, filters.data), (row) => HEADER.map((c) => row[c]))
    return await csvResponse(HEADER, rows, `audit-log-${new Date().toISOString().slice(0, 10)}.csv`, 'export/audit')
  } catch (error) {
    return errorResponse(error, 'export/audit')
  }
}
