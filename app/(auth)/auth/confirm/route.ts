// GET /auth/confirm?token_hash=…&type=…&next=… — verifies an email link, starts the session, onboards, redirects in-app.
import { type NextRequest, NextResponse } from 'next/server'
import { EmailOtpTypeSchema } from '@/lib/auth/auth.schema'
import { serverEnv } from '@/lib/env'
import { completeOnboarding, isDoulaSignup } from '@/lib/auth/onboarding'
import { recordSignIn } from '@/lib/privacy/audit/access-events'
import { safeRedirectPath } from '@/lib/redirect'
import { requestMetaFrom } from '@/lib/security/client-ip'
import { createAdminClient } from '@/lib/supabase/admin'
import { createClient } from '@/lib/supabase/server'

const INVALID_LINK_PATH = '/auth/link-invalid'

/** Redirects within the site. The base is the configured site URL: the request's own idea of its host can differ. */
function redirectTo(path: string): NextResponse {
  const response = NextResponse.redirect(new URL(path, serverEnv().NEXT_PUBLIC_SITE_URL), 303)
  // The token hash is in this request's URL: keep it out of Referer headers and caches.
  response.headers.set('Referrer-Policy', 'no-referrer')
  response.headers.set('Cache-Control', 'no-store')
  return response
}

export async function GET(request: NextRequest): Promise<NextResponse> {
  const params = request.nextUrl.searchParams
  const tokenHash = params.get('token_hash')
  const type = EmailOtpTypeSchema.safeParse(params.get('type'))
  if (!tokenHash || !type.success) return redirectTo(INVALID_LINK_PATH)

  const supabase = await createClient()
  const { data, error } = await supabase.auth.verifyOtp({ token_hash: tokenHash, type: type.data })
  if (error || !data.user) return redirectTo(INVALID_LINK_PATH)

  if (isDoulaSignup(data.user.user_metadata)) {
    try {
      await completeOnboarding(supabase)
    } catch (onboardingError) {
      // The session is valid; the dashboard offers to finish setup, so the person is not stranded.
      console.error('[auth/confirm] onboarding failed', onboardingError)
    }
  }
  // Every email link, dashboard or portal, becomes a session here and only here, once (a link
  // works once): the sign-in goes on each of her practices' trails with the proxy-vouched address.
  // The session already exists, so a failed write is logged rather than shown as a broken link.
  try {
    await recordSignIn(createAdminClient(), data.user.id, requestMetaFrom(request.headers))
  } catch (auditError) {
    console.error('[auth/confirm] recording the sign-in failed', auditError)
  }
  return redirectTo(safeRedirectPath(params.get('next')))
}
