import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import type { LocalStack } from '@doulaos/supabase-local'

/** A service-role client straight to the stand-in (not through the recorder: its calls are not the app's). */
export function adminClient(stack: LocalStack): SupabaseClient {
  return createClient(stack.apiUrl, stack.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } })
}

/**
 * Signs `email` in the way a person does: a magic-link token from the Auth admin API, followed
 * through the app's own /auth/confirm, whose Set-Cookie headers are the session. Returns the
 * Cookie header to send.
 */
export async function signInCookie(admin: SupabaseClient, appUrl: string, email: string, next: string): Promise<string> {
  const { data, error } = await admin.auth.admin.generateLink({ type: 'magiclink', email })
  if (error) throw new Error(`Could not mint a magic link for ${email}: ${error.message}`)
  const confirm = new URL('/auth/confirm', appUrl)
  confirm.search = new URLSearchParams({ token_hash: data.properties.hashed_token, type: 'magiclink', next }).toString()
  const res = await fetch(confirm, { redirect: 'manual' })
  const location = res.headers.get('location') ?? ''
  if (res.status !== 303 || !location.endsWith(next)) throw new Error(`/auth/confirm answered ${res.status} → ${location} for ${email}`)
  const cookies = res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
  if (cookies.length === 0) throw new Error(`/auth/confirm set no session cookie for ${email}`)
  return cookies.join('; ')
}

export interface PageRequest {
  /** Ask for gzip, which `next start` then compresses in-process. */
  gzip?: boolean
  /** The status the page must answer with (the 404 page is timed on purpose). */
  status?: number
}

/**
 * GETs a page as a signed-in person and reads the whole body. Anything but the expected status with
 * `expect` in the body is an error: a redirect to /login or an error page must never be timed as a
 * render. Uncompressed unless asked: on Vercel the CDN compresses, outside the function that renders.
 */
export async function getPage(url: string, cookie: string, expect: string, { gzip = false, status = 200 }: PageRequest = {}): Promise<{ ms: number; bytes: number }> {
  const start = performance.now()
  const res = await fetch(url, { headers: { cookie, 'accept-encoding': gzip ? 'gzip' : 'identity' }, redirect: 'manual' })
  const body = await res.text()
  const ms = performance.now() - start
  if (res.status !== status) throw new Error(`GET ${url} answered ${res.status} ${res.headers.get('location') ?? ''}`)
  if (!body.includes(expect)) throw new Error(`GET ${url} did not render "${expect}"`)
  return { ms, bytes: body.length }
}
