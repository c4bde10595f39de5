// GET /api/export?practice=<id> — owners and admins download the whole practice as one streamed zip (audited,
// 5 an hour per user: 429 with Retry-After beyond that).
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { authorizeExport } from '@/lib/privacy/export/authorize-export'
import { writePracticeExport } from '@/lib/privacy/export/export-practice.service'
import { errorResponse } from '@/lib/server/http'
import { zipDownload } from '@/lib/privacy/zip/zip-stream'
import { requestMetaFrom } from '@/lib/security/client-ip'
import { createAdminClient } from '@/lib/supabase/admin'
import { createClient } from '@/lib/supabase/server'

export const dynamic = 'force-dynamic'
export const maxDuration = 300

export async function GET(request: Request): Promise<Response> {
  try {
    const practiceId = z.uuid().safeParse(new URL(request.url).searchParams.get('practice'))
    if (!practiceId.success) throw new AppError({ code: 'validation', message: 'Choose a practice to export.' })
    const admin = createAdminClient()
    await authorizeExport(await createClient(), admin, practiceId.data, requestMetaFrom(request.headers))

    return zipDownload('export', 'doulaos-export', (zip) => writePracticeExport(zip, { admin, practiceId: practiceId.data }))
  } catch (error) {
    return errorResponse(error, 'export')
  }
}
