// GET /portal/export — "Download my data": her records and files in her active practice, one streamed zip (audited).
import { apiPortalContext } from '@/lib/portal/api-context'
import { recordMyDataExport, writeMyDataExport } from '@/lib/portal/export/my-data.service'
import { zipDownload } from '@/lib/privacy/zip/zip-stream'
import { requestMetaFrom } from '@/lib/security/client-ip'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'
export const maxDuration = 300

const noStore = { 'cache-control': 'no-store' }

export async function GET(request: Request): Promise<Response> {
  try {
    const context = await apiPortalContext()
    if (!context) return new Response('Please sign in again.', { status: 401, headers: noStore })
    if (!context.active) return new Response('This login has no portal access.', { status: 403, headers: noStore })
    const { supabase: db, user, active } = context
    const admin = createAdminClient()
    const her = { userId: user.id, practiceId: active.practiceId, clientId: active.clientId }
    await recordMyDataExport(admin, her, requestMetaFrom(request.headers))

    return zipDownload('portal/export', 'my-doulaos-data', (zip) => writeMyDataExport(zip, { db, admin, ...her }))
  } catch (error) {
    console.error('[portal/export]', error)
    return new Response('We could not prepare your data. Please try again.', { status: 500, headers: noStore })
  }
}
