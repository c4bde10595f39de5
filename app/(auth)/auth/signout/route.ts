// POST /auth/signout — ends the session everywhere, clears this browser's site data, returns to the home page.
import { type NextRequest, NextResponse } from 'next/server'
import { serverEnv } from '@/lib/env'
import { createClient } from '@/lib/supabase/server'

/**
 * Rejects cross-site form posts: a sign-out must come from one of our own pages. Browsers send
 * `Origin: null` on form posts from a page under `Referrer-Policy: no-referrer` (the invitation
 * pages, whose URL holds a token), so Sec-Fetch-Site decides when present and the Origin header only
 * for clients that do not send it.
 */
function isSameOrigin(request: NextRequest, site: URL): boolean {
  const fetchSite = request.headers.get('sec-fetch-site')
  if (fetchSite !== null) return fetchSite === 'same-origin'
  const origin = request.headers.get('origin')
  return origin === null || origin === site.origin
}

export async function POST(request: NextRequest): Promise<NextResponse> {
  const site = new URL(serverEnv().NEXT_PUBLIC_SITE_URL)
  if (!isSameOrigin(request, site)) return NextResponse.json({ error: 'Cross-origin request refused' }, { status: 403 })
  const supabase = await createClient()
  const { error } = await supabase.auth.signOut({ scope: 'global' })
  if (error) console.error('[auth/signout]', error)
  const response = NextResponse.redirect(new URL('/login', site), 303)
  response.headers.set('Clear-Site-Data', '"cache", "cookies", "storage"')
  response.headers.set('Cache-Control', 'no-store')
  return response
}
