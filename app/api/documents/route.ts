// POST /api/documents?name=<file name> — her own health document, sent as the raw request body and streamed to Storage.
import { MAX_DOCUMENT_BYTES } from '@/lib/documents/file-type'
import { storeOwnDocument, tooLargeResult, uploadResponse } from '@/lib/documents/store'
import { errorResponse } from '@/lib/server/http'
import { requireRoutePortalClient } from '@/lib/server/route-context'
import { createAdminClient } from '@/lib/supabase/admin'

export async function POST(request: Request): Promise<Response> {
  try {
    const { user, db, active } = await requireRoutePortalClient()
    // A declared length over the limit is refused before reading a byte; storeDocument enforces it anyway.
    const declared = Number(request.headers.get('content-length') ?? '0')
    if (declared > MAX_DOCUMENT_BYTES) return uploadResponse(tooLargeResult())
    const name = new URL(request.url).searchParams.get('name') ?? 'document'
    return uploadResponse(await storeOwnDocument(db, createAdminClient(), user.id, active, name, request.body))
  } catch (error) {
    return errorResponse(error, 'documents')
  }
}
