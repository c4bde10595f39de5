// GET /api/sign/:token/pdf — the partner's copy of an agreement she signed, through her signing link (no login).
import { partnerPdfDownload } from '@/lib/paperwork/download.service'
import { PartnerTokenSchema } from '@/lib/paperwork/submit.schema'
import { requestMetaFrom } from '@/lib/security/client-ip'
import { createAdminClient } from '@/lib/supabase/admin'

const noStore = { 'Cache-Control': 'no-store' }

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params
  if (!PartnerTokenSchema.safeParse(token).success) return new Response('Not found', { status: 404, headers: noStore })
  try {
    const download = await partnerPdfDownload(createAdminClient(), token, requestMetaFrom(request.headers))
    if (!download.ok) return new Response('Not found', { status: 404, headers: noStore })
    return new Response(null, { status: 303, headers: { Location: download.url, ...noStore, 'Referrer-Policy': 'no-referrer' } })
  } catch (error) {
    console.error('[sign/pdf]', error)
    return new Response('We could not prepare the PDF. Please try again.', { status: 500, headers: noStore })
  }
}
