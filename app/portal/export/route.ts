// GET /portal/export — "Download my data": her records and files in her active practice, one streamed zip (audited).
import { recordMyDataExport, writeMyDataExport } from '@/lib/portal/export/my-data.service'
import { zipDownload } from '@/lib/privacy/zip/zip-stream'
import { errorResponse } from '@/lib/server/http'
import { requireRoutePortalClient } from '@/lib/server/route-context'

export const dynamic = 'force-dynamic'
export const maxDuration = 300

export async function GET(): Promise<Response> {
  try {
    const { db, user, active } = await requireRoutePortalClient()
    await recordMyDataExport(db, active.practiceId, active.clientId)

    return zipDownload('portal/export', 'my-doulaos-data', (zip) =>
      writeMyDataExport(zip, { db, userId: user.id, practiceId: active.practiceId, clientId: active.clientId }),
    )
  } catch (error) {
    return errorResponse(error, 'portal/export')
  }
}
