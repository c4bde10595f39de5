import 'server-only'
import { createServerClient } from '@supabase/ssr'
import { cookies } from 'next/headers'
import { cache } from 'react'
import type { Database } from '@/lib/database.types'
import { serverEnv } from '@/lib/env'
import { sessionCookieOptions } from './cookie-options'

/**
 * A Supabase client acting as the signed-in user, for server components, actions and route handlers.
 * One per request, never shared across requests: a shared client would leak one user's session into
 * another's request. Within one server render, React's cache hands the layout, the session check and
 * the page the same client (building one costs about as much as a query); actions and route handlers
 * render nothing, so there every call builds its own.
 */
export const createClient = cache(async () => {
  const env = serverEnv()
  const cookieStore = await cookies()
  return createServerClient<Database>(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    cookieOptions: sessionCookieOptions(),
    cookies: {
      getAll: () => cookieStore.getAll(),
      setAll(cookiesToSet) {
        try {
          for (const { name, value, options } of cookiesToSet) cookieStore.set(name, value, options)
        } catch {
          // Server components cannot write cookies; proxy.ts refreshes the session before they render.
        }
      },
    },
  })
})
