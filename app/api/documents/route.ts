// POST /api/documents?name=<file name> — her own health document, sent as the raw request body and streamed to Storage.
import { MAX_DOCUMENT_BYTES } from '@/lib/documents/file-type'
import { storeOwnDocument, tooLargeResult, uploadStatus } from '@/lib/documents/store'
import { isAppError } from '@/lib/errors'
import { apiPortalContext } from '@/lib/portal/api-context'
import { createAdminClient } from '@/lib/supabase/admin'

export async function POST(request: Request): Promise<Response> {
  const context = await apiPortalContext()
  if (!context) return Response.json({ ok: false, message: 'Please sign in again.' }, { status: 401 })
  if (!context.active) return Response.json({ ok: false, message: 'This login has no portal access.' }, { status: 403 })

  // A declared length over the limit is refused before reading a byte; storeDocument enforces it anyway.
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > MAX_DOCUMENT_BYTES) return Response.json(tooLargeResult(), { status: 413 })

  const name = new URL(request.url).searchParams.get('name') ?? 'document'
  try {
    const result = await storeOwnDocument(context.supabase, createAdminClient(), context.user.id, context.active, name, request.body)
    return Response.json(result, { status: uploadStatus(result) })
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return Response.json({ ok: false, message: 'This login has no portal access.' }, { status: 403 })
    throw error
  }
}
