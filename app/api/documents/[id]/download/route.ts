// GET /api/documents/:id/download — checks access, audits, then redirects to a 60-second signed URL.
import { getSessionUser } from '@/lib/auth/session'
import { signedDownloadUrl } from '@/lib/documents/store'
import { requestMetaFrom } from '@/lib/security/client-ip'
import { createAdminClient } from '@/lib/supabase/admin'
import { createClient } from '@/lib/supabase/server'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params
  const user = await getSessionUser()
  if (!user) return new Response('Please sign in again.', { status: 401 })
  const url = UUID.test(id) ? await signedDownloadUrl(await createClient(), createAdminClient(), user.id, id, requestMetaFrom(request.headers)) : null
  if (!url) return new Response('Not found', { status: 404 })
  return new Response(null, { status: 303, headers: { Location: url, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } })
}
