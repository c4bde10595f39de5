// GET /portal/export — "Download my data": her records and files in her active practice, one streamed zip (audited).
import { recordMyDataExport, writeMyDataExport } from '@/lib/portal/export/my-data.service'
import { zipDownload } from '@/lib/privacy/zip/zip-stream'
import { requestMetaFrom } from '@/lib/security/client-ip'
import { errorResponse } from '@/lib/server/http'
import { requireRoutePortalClient } from '@/lib/server/route-context'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'
export const maxDuration = 300

export async function GET(request: Request): Promise<Response> {
  try {
    const { db, user, active } = await requireRoutePortalClient()
    const admin = createAdminClient()
    const her = { userId: user.id, practiceId: active.practiceId, clientId: active.clientId }
    await recordMyDataExport(admin, her, requestMetaFrom(request.headers))

    return zipDownload('portal/export', 'my-doulaos-data', (zip) => writeMyDataExport(zip, { db, admin, ...her }))
  } catch (error) {
    return errorResponse(error, 'portal/export')
  }
}
