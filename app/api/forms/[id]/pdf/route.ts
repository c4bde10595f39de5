// GET /api/forms/:id/pdf — checks access through the caller's RLS, audits, then redirects to a 60-second signed URL.
import { z } from 'zod'
import { getSessionUser } from '@/lib/server/session'
import { formPdfDownload } from '@/lib/paperwork/download.service'
import { requestMetaFrom } from '@/lib/security/client-ip'
import { createAdminClient } from '@/lib/supabase/admin'
import { createClient } from '@/lib/supabase/server'

const noStore = { 'Cache-Control': 'no-store' }

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params
  const user = await getSessionUser()
  if (!user) return new Response('Please sign in again.', { status: 401, headers: noStore })
  if (!z.uuid().safeParse(id).success) return new Response('Not found', { status: 404, headers: noStore })
  try {
    const download = await formPdfDownload(await createClient(), createAdminClient(), user.id, id, requestMetaFrom(request.headers))
    if (!download.ok) {
      return download.reason === 'not_found'
        ? new Response('Not found', { status: 404, headers: noStore })
        : new Response('This form has not been submitted yet, so there is no PDF.', { status: 409, headers: noStore })
    }
    return new Response(null, { status: 303, headers: { Location: download.url, ...noStore, 'Referrer-Policy': 'no-referrer' } })
  } catch (error) {
    console.error('[forms/pdf]', error)
    return new Response('We could not prepare the PDF. Please try again.', { status: 500, headers: noStore })
  }
}
