import 'server-only'
import { createClient } from '@supabase/supabase-js'
import type { Database } from '@/lib/database.types'
import { serverEnv } from '@/lib/env'

/**
 * The service-role client: it bypasses RLS. Only webhooks, crons, the auth hook, account deletion and
 * the calendar feed route (which scopes every query by its token's practice and member) may use it,
 * and it never touches request cookies, so no user's session can leak into it.
 */
export function createAdminClient() {
  const env = serverEnv()
  return createClient<Database>(env.NEXT_PUBLIC_SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  })
}
