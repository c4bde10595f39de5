// POST /api/documents — completes her own upload: { stagingPath, fileName, size } of a file her browser put in the staging bucket.
import { readCompleteUpload } from '@/lib/documents/staging'
import { completeOwnDocument, uploadResponse } from '@/lib/documents/store'
import { errorResponse } from '@/lib/server/http'
import { requireRoutePortalClient } from '@/lib/server/route-context'
import { createAdminClient } from '@/lib/supabase/admin'

export async function POST(request: Request): Promise<Response> {
  try {
    const { user, db, active } = await requireRoutePortalClient()
    const staged = await readCompleteUpload(request)
    return uploadResponse(await completeOwnDocument(db, createAdminClient(), user.id, active, staged))
  } catch (error) {
    return errorResponse(error, 'documents')
  }
}
