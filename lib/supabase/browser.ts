'use client'
import { createBrowserClient } from '@supabase/ssr'
import type { Database } from '@/lib/database.types'
import { publicEnv } from '@/lib/env-public'
import { sessionCookieOptions } from './cookie-options'

/**
 * A browser client. Session cookies are HttpOnly, so it runs with the anon role only: user data is
 * always fetched on the server. Use it for public, unauthenticated reads.
 */
export function createClient() {
  const env = publicEnv()
  return createBrowserClient<Database>(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    cookieOptions: sessionCookieOptions(),
  })
}
