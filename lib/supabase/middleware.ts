import { createServerClient } from '@supabase/ssr'
import type { NextRequest, NextResponse } from 'next/server'
import type { Database } from '@/lib/database.types'
import { serverEnv } from '@/lib/env'
import { sessionCookieOptions } from './cookie-options'

export interface SessionRefresh {
  /** The verified user id, or null when there is no valid session. */
  userId: string | null
  /** Copies the refreshed session cookies (and their no-cache headers) onto any response. */
  applyTo(response: NextResponse): NextResponse
}

/**
 * Refreshes the session for proxy.ts. Invariant: nothing may run between createServerClient and
 * getClaims(), or a refreshed token is lost and the user is randomly signed out.
 */
export async function refreshSession(request: NextRequest): Promise<SessionRefresh> {
  const env = serverEnv()
  const pending: { name: string; value: string; options: object }[] = []
  const pendingHeaders: Record<string, string> = {}
  const supabase = createServerClient<Database>(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    cookieOptions: sessionCookieOptions(),
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll(cookiesToSet, headers) {
        for (const { name, value, options } of cookiesToSet) {
          request.cookies.set(name, value)
          pending.push({ name, value, options })
        }
        Object.assign(pendingHeaders, headers)
      },
    },
  })
  const { data, error } = await supabase.auth.getClaims()
  const userId = !error && typeof data?.claims.sub === 'string' ? data.claims.sub : null
  return {
    userId,
    applyTo(response) {
      for (const { name, value, options } of pending) response.cookies.set(name, value, options)
      for (const [key, value] of Object.entries(pendingHeaders)) response.headers.set(key, value)
      return response
    },
  }
}
