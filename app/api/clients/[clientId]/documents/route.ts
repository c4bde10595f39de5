// POST /api/clients/:clientId/documents — completes a member's upload for one client: { stagingPath, fileName, size, shared }.
import { completePracticeDocument } from '@/lib/documents/practice-documents'
import { readCompleteUpload } from '@/lib/documents/staging'
import { uploadResponse } from '@/lib/documents/store'
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
    const { shared = false, ...staged } = await readCompleteUpload(request)
    const ref = { practiceId: active.practiceId, clientId }
    return uploadResponse(await completePracticeDocument(db, createAdminClient(), user.id, ref, staged, shared))
  } catch (error) {
    return errorResponse(error, 'clients/documents')
  }
}
