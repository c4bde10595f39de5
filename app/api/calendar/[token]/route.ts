// GET /api/calendar/:token — a doula's ICS subscription feed. Calendar apps send no cookies: the
// secret URL token is the only credential, so unknown and revoked tokens look the same (404).
import { renderFeed } from '@/lib/calendar/feed.service'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params
  let ics: string | null
  try {
    ics = await renderFeed(createAdminClient(), token.replace(/\.ics$/, ''), new Date())
  } catch (error) {
    console.error('[calendar-feed]', error)
    return new Response('The calendar could not be built. Try again later.', { status: 500, headers: { 'Cache-Control': 'no-store' } })
  }
  if (ics === null) return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(ics, {
    status: 200,
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="doulaos.ics"',
      'Cache-Control': 'private, max-age=300',
      'X-Robots-Tag': 'noindex',
    },
  })
}
