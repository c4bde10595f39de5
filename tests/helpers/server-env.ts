/** A complete, valid server environment for tests that load lib/env.ts with stubbed variables. */
export const VALID_SERVER_ENV = {
  NEXT_PUBLIC_SITE_URL: 'http://127.0.0.1:3000',
  NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321',
  NEXT_PUBLIC_SUPABASE_ANON_KEY: 'anon-key-anon-key-anon-key',
  SUPABASE_SERVICE_ROLE_KEY: 'service-key-service-key-service',
  SEND_EMAIL_HOOK_SECRET: 'v1,whsec_ZG91bGFvcy1sb2NhbC1zZW5kLWVtYWlsLWhvb2stc2VjcmV0LTAwMA==',
  RESEND_API_KEY: 're_local_mailbox',
  EMAIL_FROM: 'DoulaOS <hello@doulaos.local>',
  CRON_SECRET: 'local-cron-secret-not-for-production',
  STRIPE_SECRET_KEY: 'sk_test_local_doulaos_stand_in_not_a_real_key',
  STRIPE_WEBHOOK_SECRET: 'whsec_localDoulaOSStandInWebhookSecret000',
} as const
