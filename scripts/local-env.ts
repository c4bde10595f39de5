import { join } from 'node:path'
import type { LocalStack } from '@doulaos/supabase-local'

/** The app's folder: `supabase/` is the project the local stack serves, `.local/` keeps its state. */
export const REPO_ROOT = join(import.meta.dirname, '..')

/**
 * The Standard Webhooks secret shared by the local stand-in (which signs send-email hook calls)
 * and the app (which verifies them). Local only: production uses the secret Supabase generates.
 */
export const LOCAL_SEND_EMAIL_HOOK_SECRET = 'v1,whsec_ZG91bGFvcy1sb2NhbC1zZW5kLWVtYWlsLWhvb2stc2VjcmV0LTAwMA=='
export const LOCAL_CRON_SECRET = 'local-cron-secret-not-for-production'
export const LOCAL_RESEND_API_KEY = 're_local_mailbox'

/** What config.toml's env() values resolve to for a local stack serving an app at `appUrl`. */
export function localStackEnv(appUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SEND_EMAIL_HOOK_URI: `${appUrl}/api/auth/send-email`,
    SEND_EMAIL_HOOK_SECRETS: LOCAL_SEND_EMAIL_HOOK_SECRET,
  }
}

/** The environment the Next.js app needs to run against a local stack (dev server and e2e). */
export function localAppEnv(stack: LocalStack, appUrl: string): Record<string, string> {
  return {
    NEXT_PUBLIC_SITE_URL: appUrl,
    NEXT_PUBLIC_SUPABASE_URL: stack.apiUrl,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
    SEND_EMAIL_HOOK_SECRET: LOCAL_SEND_EMAIL_HOOK_SECRET,
    RESEND_API_KEY: LOCAL_RESEND_API_KEY,
    RESEND_BASE_URL: stack.mailboxUrl,
    EMAIL_FROM: 'DoulaOS <hello@doulaos.local>',
    CRON_SECRET: LOCAL_CRON_SECRET,
    NEXT_PUBLIC_LOCAL_MAILBOX_URL: stack.mailboxUrl,
  }
}
