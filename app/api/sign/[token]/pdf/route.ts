// GET /api/sign/:token/pdf — the partner's copy of an agreement she signed, through her signing link (no login).
import { partnerPdfDownload } from '@/lib/paperwork/download.service'
import { PartnerTokenSchema } from '@/lib/paperwork/submit.schema'
import { requestMetaFrom } from '@/lib/security/client-ip'
import { notFound } from '@/lib/server/db'
import { errorResponse } from '@/lib/server/http'
import { createAdminClient } from '@/lib/supabase/admin'

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const { token } = await params
    if (!PartnerTokenSchema.safeParse(token).success) throw notFound('agreement')
    const download = await partnerPdfDownload(createAdminClient(), token, requestMetaFrom(request.headers))
    if (!download.ok) throw notFound('agreement')
    return new Response(null, { status: 303, headers: { Location: download.url, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } })
  } catch (error) {
    return errorResponse(error, 'sign/pdf')
  }
}
