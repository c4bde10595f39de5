// POST /api/clients/:clientId/documents?name=<file name>&shared=1 — a member's file for one client, sent as the raw body and streamed to Storage.
import { MAX_DOCUMENT_BYTES } from '@/lib/documents/file-type'
import { storePracticeDocument } from '@/lib/documents/practice-documents'
import { tooLargeResult, uploadResponse } from '@/lib/documents/store'
import { isUuid } from '@/lib/ids'
import { notFound } from '@/lib/server/db'
import { errorResponse } from '@/lib/server/http'
import { requireRouteMember } from '@/lib/server/route-context'
import { createAdminClient } from '@/lib/supabase/admin'

export async function POST(request: Request, { params }: { params: Promise<{ clientId: string }> }): Promise<Response> {
  try {
    const { clientId } = await params
    const { user, db, active } = await requireRouteMember()
    if (!isUuid(clientId)) throw notFound('client')
    // A declared length over the limit is refused before reading a byte; storeDocument enforces it anyway.
    const declared = Number(request.headers.get('content-length') ?? '0')
    if (declared > MAX_DOCUMENT_BYTES) return uploadResponse(tooLargeResult())
    const search = new URL(request.url).searchParams
    const name = search.get('name') ?? 'document'
    const ref = { practiceId: active.practiceId, clientId }
    return uploadResponse(await storePracticeDocument(db, createAdminClient(), user.id, ref, name, request.body, search.get('shared') === '1'))
  } catch (error) {
    return errorResponse(error, 'clients/documents')
  }
}
