// GET /api/export/clients?practice=<id>&q=&status=&doula=&due=&archived= — the client list with those filters as CSV (members).
import { ClientListParamsSchema } from '@/lib/clients/client.schema'
import { CLIENT_EXPORT_HEADER, exportClients } from '@/lib/clients/export-clients.service'
import { recordAuditEvent } from '@/lib/privacy/audit/record-event'
import { requestMetaFrom } from '@/lib/security/client-ip'
import { csvResponse } from '@/lib/server/csv-response'
import { exportRequest } from '@/lib/server/export-request'
import { errorResponse } from '@/lib/server/http'
import { requireRouteUser } from '@/lib/server/route-context'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'

export async function GET(request: Request): Promise<Response> {
  try {
    const { params, practiceId } = exportRequest(request)
    // The whole filtered list, from its first page: a page cursor in the URL is ignored.
    const filters = ClientListParamsSchema.parse({ ...params, after: undefined })
    const { user, db } = await requireRouteUser()
    const rows = await exportClients(db, user.id, practiceId, filters)
    await recordAuditEvent(
      createAdminClient(),
      { practiceId, actorId: user.id, action: 'clients.export', entity: 'clients' },
      requestMetaFrom(request.headers),
    )
    return await csvResponse(CLIENT_EXPORT_HEADER, rows, `clients-${new Date().toISOString().slice(0, 10)}.csv`, 'export/clients')
  } catch (error) {
    return errorResponse(error, 'export/clients')
  }
}
