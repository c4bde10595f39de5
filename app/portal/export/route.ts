// GET /portal/export — "Download my data": her records and files in her active practice, one streamed zip (audited).
import { apiPortalContext } from '@/lib/portal/api-context'
import { recordMyDataExport, writeMyDataExport } from '@/lib/portal/export/my-data.service'
import { zipDownload } from '@/lib/privacy/zip/zip-stream'

export const dynamic = 'force-dynamic'
export const maxDuration = 300

const noStore = { 'cache-control': 'no-store' }

export async function GET(): Promise<Response> {
  try {
    const context = await apiPortalContext()
    if (!context) return new Response('Please sign in again.', { status: 401, headers: noStore })
    if (!context.active) return new Response('This login has no portal access.', { status: 403, headers: noStore })
    const { supabase: db, user, active } = context
    await recordMyDataExport(db, active.practiceId, active.clientId)

    return zipDownload('portal/export', 'my-doulaos-data', (zip) =>
      writeMyDataExport(zip, { db, userId: user.id, practiceId: active.practiceId, clientId: active.clientId }),
    )
  } catch (error) {
    console.error('[portal/export]', error)
    return new Response('We could not prepare your data. Please try again.', { status: 500, headers: noStore })
  }
}
