// GET /api/documents/:id/download — checks access, audits, then redirects to a 60-second signed URL.
import { signedDownloadUrl } from '@/lib/documents/store'
import { isUuid } from '@/lib/ids'
import { requestMetaFrom } from '@/lib/security/client-ip'
import { notFound } from '@/lib/server/db'
import { errorResponse } from '@/lib/server/http'
import { requireRouteUser } from '@/lib/server/route-context'
import { createAdminClient } from '@/lib/supabase/admin'

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params
    const { user, db } = await requireRouteUser()
    const url = isUuid(id) ? await signedDownloadUrl(db, createAdminClient(), user.id, id, requestMetaFrom(request.headers)) : null
    if (!url) throw notFound('document')
    return new Response(null, { status: 303, headers: { Location: url, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } })
  } catch (error) {
    return errorResponse(error, 'documents/download')
  }
}
