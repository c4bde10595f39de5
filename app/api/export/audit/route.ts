// GET /api/export/audit?practice=<id>&actor=&client=&action=&from=&to= — the filtered audit log as CSV (owners, admins).
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { AuditFiltersSchema, type AuditRow } from '@/lib/privacy/audit/audit-log.schema'
import { allAuditRows } from '@/lib/privacy/audit/queries'
import { csvRow } from '@/lib/privacy/csv'
import { recordAuditEvent } from '@/lib/privacy/audit/record-event'
import { requestMetaFrom } from '@/lib/security/client-ip'
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

    // The first rows are read before the answer starts, so a failing query is an error status, not a cut-off file.
    const encoder = new TextEncoder()
    const rows = allAuditRows(db, practiceId.data, filters.data)[Symbol.asyncIterator]()
    const first = await rows.next()
    let pending: IteratorResult<AuditRow> | null = first
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(csvRow(HEADER)))
      },
      async pull(controller) {
        try {
          const next = pending ?? (await rows.next())
          pending = null
          if (next.done) controller.close()
          else controller.enqueue(encoder.encode(csvRow(HEADER.map((c) => next.value[c]))))
        } catch (cause) {
          console.error('[export/audit] failed', cause)
          controller.error(cause)
        }
      },
    })
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
        'cache-control': 'no-store',
      },
    })
  } catch (error) {
    return errorResponse(error, 'export/audit')
  }
}
