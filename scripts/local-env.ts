import { join } from 'node:path'
import { DEFAULT_PORT as LOCAL_STRIPE_PORT, LOCAL_STRIPE_SECRET_KEY, LOCAL_STRIPE_WEBHOOK_SECRET } from '@doulaos/local-stripe'
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

/** Where the app's Stripe webhook route lives; the local Stripe stand-in delivers events there. */
export const stripeWebhookUrl = (appUrl: string) => `${appUrl}/api/stripe/webhook`

/**
 * The environment the Next.js app needs to run against a local stack (dev server and e2e).
 * `stripeUrl` is the local Stripe stand-in's URL (default: the `npm run dev` one on 54325).
 */
export function localAppEnv(stack: LocalStack, appUrl: string, stripeUrl = `http://127.0.0.1:${LOCAL_STRIPE_PORT}`): Record<string, string> {
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
    STRIPE_SECRET_KEY: LOCAL_STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: LOCAL_STRIPE_WEBHOOK_SECRET,
    STRIPE_API_URL: stripeUrl,
    NEXT_PUBLIC_LOCAL_MAILBOX_URL: stack.mailboxUrl,
  }
}
