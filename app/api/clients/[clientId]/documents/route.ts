// POST /api/clients/:clientId/documents?name=<file name>&shared=1 — a member's file for one client, sent as the raw body and streamed to Storage.
import { cookies } from 'next/headers'
import { getSessionUser } from '@/lib/auth/session'
import { MAX_DOCUMENT_BYTES } from '@/lib/documents/file-type'
import { storePracticeDocument } from '@/lib/documents/practice-documents'
import { tooLargeResult, uploadStatus } from '@/lib/documents/store'
import { isAppError } from '@/lib/errors'
import { ACTIVE_PRACTICE_COOKIE } from '@/lib/practice/practice.schema'
import { listMemberships, pickActiveMembership } from '@/lib/practice/queries'
import { createAdminClient } from '@/lib/supabase/admin'
import { createClient } from '@/lib/supabase/server'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const notFound = () => Response.json({ ok: false, message: 'That client was not found.' }, { status: 404 })

export async function POST(request: Request, { params }: { params: Promise<{ clientId: string }> }): Promise<Response> {
  const { clientId } = await params
  const user = await getSessionUser()
  if (!user) return Response.json({ ok: false, message: 'Please sign in again.' }, { status: 401 })
  const db = await createClient()
  const membership = pickActiveMembership(await listMemberships(db, user.id), (await cookies()).get(ACTIVE_PRACTICE_COOKIE)?.value)
  if (!membership) return Response.json({ ok: false, message: 'You are not a member of a practice.' }, { status: 403 })
  if (!UUID.test(clientId)) return notFound()

  // A declared length over the limit is refused before reading a byte; storeDocument enforces it anyway.
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > MAX_DOCUMENT_BYTES) return Response.json(tooLargeResult(), { status: 413 })

  const search = new URL(request.url).searchParams
  const name = search.get('name') ?? 'document'
  try {
    const ref = { practiceId: membership.practiceId, clientId }
    const result = await storePracticeDocument(db, createAdminClient(), user.id, ref, name, request.body, search.get('shared') === '1')
    return Response.json(result, { status: uploadStatus(result) })
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return notFound()
    throw error
  }
}
