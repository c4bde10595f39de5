import { createClient } from '@supabase/supabase-js'
import { expect } from 'vitest'
import type { Database } from '../../lib/database.types.ts'
import type { Db } from '../../lib/server/db.ts'
import { LOCAL_CRON_SECRET, LOCAL_RESEND_API_KEY, LOCAL_SEND_EMAIL_HOOK_SECRET } from '../../scripts/local-env.ts'
import { serviceApiClient, type TestUser } from './personas.ts'
import { stack } from './stack.ts'
import { LOCAL_STRIPE_WEBHOOK_SECRET, stripeInfo } from './stripe.ts'

/**
 * The app's server environment, pointed at the shared stack and its mailbox. Set it before the
 * first import of app code: `serverEnv()` reads and caches it on first use.
 */
export function useAppEnv(overrides: Record<string, string> = {}) {
  const info = stack()
  Object.assign(process.env, {
    NEXT_PUBLIC_SITE_URL: 'http://127.0.0.1:3000',
    NEXT_PUBLIC_SUPABASE_URL: info.apiUrl,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: info.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: info.serviceRoleKey,
    SEND_EMAIL_HOOK_SECRET: LOCAL_SEND_EMAIL_HOOK_SECRET,
    RESEND_API_KEY: LOCAL_RESEND_API_KEY,
    RESEND_BASE_URL: info.mailboxUrl,
    EMAIL_FROM: 'DoulaOS <hello@doulaos.local>',
    CRON_SECRET: LOCAL_CRON_SECRET,
    STRIPE_SECRET_KEY: stripeInfo().secretKey,
    STRIPE_WEBHOOK_SECRET: LOCAL_STRIPE_WEBHOOK_SECRET,
    STRIPE_API_URL: stripeInfo().url,
    ...overrides,
  })
}

const clientOptions = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  realtime: { transport: globalThis.WebSocket },
}

/** The service-role client with the generated types, as the app's admin client is. */
export function adminDb(): Db {
  const info = stack()
  return createClient<Database>(info.apiUrl, info.serviceRoleKey, clientOptions)
}

export interface SignedIn {
  client: Db
  refreshToken: string
}

/** A real session, opened the way a magic link opens one (amr carries the sign-in time). */
export async function signIn(user: TestUser): Promise<SignedIn> {
  const info = stack()
  const { data: link, error } = await serviceApiClient().auth.admin.generateLink({ type: 'magiclink', email: user.email })
  expect(error).toBeNull()
  const client = createClient<Database>(info.apiUrl, info.anonKey, clientOptions)
  const { data, error: verifyError } = await client.auth.verifyOtp({
    token_hash: link.properties!.hashed_token,
    type: 'magiclink',
  })
  expect(verifyError).toBeNull()
  return { client, refreshToken: data.session!.refresh_token }
}

/** A refresh attempt with a fresh client: null when the token still works, else the error code. */
export async function refreshRefusal(refreshToken: string): Promise<string | null> {
  const info = stack()
  const client = createClient<Database>(info.apiUrl, info.anonKey, clientOptions)
  const { error } = await client.auth.refreshSession({ refresh_token: refreshToken })
  return error ? (error.code ?? error.message) : null
}

/** What a request's platform headers tell the server about its sender, for services that record it. */
export const TEST_META = { ip: '192.0.2.10', userAgent: 'vitest' } as const
