import { describe, expect, it } from 'vitest'
import { assertDeliverable } from '@/lib/email/send'
import type { ServerEnv } from '@/lib/env'

const base: ServerEnv = {
  NODE_ENV: 'production',
  NEXT_PUBLIC_SITE_URL: 'https://app.doulaos.com',
  NEXT_PUBLIC_SUPABASE_URL: 'https://xyz.supabase.co',
  NEXT_PUBLIC_SUPABASE_ANON_KEY: 'anon-key-anon-key-anon-key',
  SUPABASE_SERVICE_ROLE_KEY: 'service-key-service-key-service',
  SEND_EMAIL_HOOK_SECRET: 'v1,whsec_ZG91bGFvcy1sb2NhbC1zZW5kLWVtYWlsLWhvb2stc2VjcmV0LTAwMA==',
  RESEND_API_KEY: 're_live_key',
  EMAIL_FROM: 'DoulaOS <hello@mail.doulaos.com>',
  CRON_SECRET: 'a-long-cron-secret',
  STRIPE_SECRET_KEY: 'sk_live_not_a_real_key_0000',
  STRIPE_WEBHOOK_SECRET: 'whsec_notARealSigningSecret000',
}

describe('assertDeliverable', () => {
  it('accepts a deployed production configuration', () => {
    expect(() => assertDeliverable(base)).not.toThrow()
  })

  it('refuses a deployed production that would send to a local mailbox', () => {
    expect(() => assertDeliverable({ ...base, RESEND_BASE_URL: 'http://127.0.0.1:54324' })).toThrow(/RESEND_BASE_URL/)
    expect(() => assertDeliverable({ ...base, RESEND_API_KEY: 're_local_mailbox' })).toThrow(/RESEND_API_KEY/)
  })

  it('lets a production build on loopback (e2e) use the local mailbox', () => {
    expect(() =>
      assertDeliverable({
        ...base,
        NEXT_PUBLIC_SITE_URL: 'http://127.0.0.1:4123',
        RESEND_BASE_URL: 'http://127.0.0.1:54324',
        RESEND_API_KEY: 're_local_mailbox',
      }),
    ).not.toThrow()
  })
})
