import type { CookieOptionsWithName } from '@supabase/ssr'
import { serverEnv } from '@/lib/env'

/** Matches `[auth.sessions] timebox` in supabase/config.toml: no cookie outlives its session. */
const SESSION_COOKIE_MAX_AGE_SECONDS = 12 * 60 * 60

/**
 * Hardened session cookies. HttpOnly holds because no browser code reads the session: every
 * authenticated call runs on the server (server components, actions, route handlers).
 */
export function sessionCookieOptions(): CookieOptionsWithName {
  return {
    path: '/',
    sameSite: 'lax',
    httpOnly: true,
    secure: serverEnv().NODE_ENV === 'production',
    maxAge: SESSION_COOKIE_MAX_AGE_SECONDS,
  }
}
