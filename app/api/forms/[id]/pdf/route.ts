// GET /api/forms/:id/pdf — checks access through the caller's RLS, audits, then redirects to a 60-second signed URL.
import { AppError } from '@/lib/errors'
import { isUuid } from '@/lib/ids'
import { formPdfDownload } from '@/lib/paperwork/download.service'
import { requestMetaFrom } from '@/lib/security/client-ip'
import { notFound } from '@/lib/server/db'
import { errorResponse } from '@/lib/server/http'
import { requireRouteUser } from '@/lib/server/route-context'
import { createAdminClient } from '@/lib/supabase/admin'

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params
    const { user, db } = await requireRouteUser()
    if (!isUuid(id)) throw notFound('form')
    const download = await formPdfDownload(db, createAdminClient(), user.id, id, requestMetaFrom(request.headers))
    if (!download.ok) {
      throw download.reason === 'not_found'
        ? notFound('form')
        : new AppError({ code: 'conflict', message: 'This form has not been submitted yet, so there is no PDF.' })
    }
    return new Response(null, { status: 303, headers: { Location: download.url, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } })
  } catch (error) {
    return errorResponse(error, 'forms/pdf')
  }
}
