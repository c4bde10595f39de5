// POST /api/documents?name=<file name> — her own health document, sent as the raw request body and streamed to Storage.
import { MAX_DOCUMENT_BYTES } from '@/lib/documents/file-type'
import { storeDocument, tooLargeResult } from '@/lib/documents/store'
import { apiPortalContext } from '@/lib/portal/api-context'

export async function POST(request: Request): Promise<Response> {
  const context = await apiPortalContext()
  if (!context) return Response.json({ ok: false, message: 'Please sign in again.' }, { status: 401 })
  if (!context.active) return Response.json({ ok: false, message: 'This login has no portal access.' }, { status: 403 })

  // A declared length over the limit is refused before reading a byte; storeDocument enforces it anyway.
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > MAX_DOCUMENT_BYTES) return Response.json(tooLargeResult(), { status: 413 })

  const name = new URL(request.url).searchParams.get('name') ?? 'document'
  const result = await storeDocument(context.supabase, context.active, name, request.body)
  if (result.ok) return Response.json(result, { status: 201 })
  const status = result.problem === 'storage' ? 500 : result.problem === 'too_large' ? 413 : 422
  return Response.json(result, { status })
}
