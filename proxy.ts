import { type NextRequest, NextResponse } from 'next/server'
import { serverEnv } from '@/lib/env'
import { isCrossSiteAction } from '@/lib/security/cross-site'
import { contentSecurityPolicy, createNonce, isEmbeddable } from '@/lib/security/csp'
import { refreshSession } from '@/lib/supabase/middleware'

const PORTAL_LOGIN_PATH = '/portal-login'

const PROTECTED_PREFIXES = ['/dashboard', '/portal']

const isPortalPath = (pathname: string) => pathname === '/portal' || pathname.startsWith('/portal/')

const isProtected = (pathname: string) =>
  PROTECTED_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))

/**
 * Runs before every page: sets a per-request CSP nonce, refreshes the Supabase session cookies and
 * turns away signed-out visitors from the workspace. Pages still check auth themselves: this is a
 * first gate, not the authorization.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (isCrossSiteAction(request.method, request.headers)) {
    return new NextResponse('This form was sent from another site, so it was refused.', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  const env = serverEnv()
  const nonce = createNonce()
  const { pathname, search } = request.nextUrl
  const csp = contentSecurityPolicy({
    nonce,
    supabaseUrl: env.NEXT_PUBLIC_SUPABASE_URL,
    dev: env.NODE_ENV === 'development',
    https: env.NEXT_PUBLIC_SITE_URL.startsWith('https://'),
    // Any site may frame an inquiry page (it reads nothing of the visitor's); nothing else, ever.
    ...(isEmbeddable(pathname) ? { frameAncestors: '*' } : {}),
  })

  const session = await refreshSession(request)

  let response: NextResponse
  if (isProtected(pathname) && !session.userId) {
    // A client following an email's portal link signs in on the portal's page, never the doulas'.
    const login = new URL(isPortalPath(pathname) ? PORTAL_LOGIN_PATH : '/login', env.NEXT_PUBLIC_SITE_URL)
    login.searchParams.set('next', `${pathname}${search}`)
    response = NextResponse.redirect(login, 307)
  } else {
    // Next.js reads the nonce from the request's CSP header and stamps it on its own scripts.
    const headers = new Headers(request.headers)
    headers.set('x-nonce', nonce)
    headers.set('Content-Security-Policy', csp)
    response = NextResponse.next({ request: { headers } })
  }

  response.headers.set('Content-Security-Policy', csp)
  if (isProtected(pathname)) response.headers.set('Cache-Control', 'private, no-store')
  return session.applyTo(response)
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|icon.svg|robots.txt).*)'],
}
