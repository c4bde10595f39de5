import { afterEach, describe, expect, it, vi } from 'vitest'
import { VALID_SERVER_ENV } from '../helpers/server-env.ts'

const valid = VALID_SERVER_ENV

async function loadWith(env: Record<string, string | undefined>) {
  vi.resetModules()
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value)
  return import('@/lib/env')
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('serverEnv', () => {
  it('accepts a complete local environment', async () => {
    const { serverEnv } = await loadWith(valid)
    expect(serverEnv().RESEND_BASE_URL).toBeUndefined()
    expect(serverEnv().EMAIL_FROM).toBe('DoulaOS <hello@doulaos.local>')
  })

  it('names every variable to fix and how', async () => {
    const { serverEnv } = await loadWith({ ...valid, SUPABASE_SERVICE_ROLE_KEY: undefined, SEND_EMAIL_HOOK_SECRET: 'whsec_x' })
    expect(() => serverEnv()).toThrow(/Set SUPABASE_SERVICE_ROLE_KEY to the Supabase service_role key/)
    expect(() => serverEnv()).toThrow(/SEND_EMAIL_HOOK_SECRET must look like v1,whsec_<base64>/)
  })

  it('says how to set the Stripe variables and checks their form', async () => {
    const { serverEnv } = await loadWith({ ...valid, STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: 'secret', STRIPE_API_URL: 'localhost' })
    expect(() => serverEnv()).toThrow(/Set STRIPE_SECRET_KEY to a Stripe secret key/)
    expect(() => serverEnv()).toThrow(/STRIPE_WEBHOOK_SECRET must look like whsec_/)
    expect(() => serverEnv()).toThrow(/STRIPE_API_URL must be a URL/)
  })

  it('treats an empty optional variable as unset', async () => {
    const { serverEnv } = await loadWith({ ...valid, RESEND_BASE_URL: '' })
    expect(serverEnv().RESEND_BASE_URL).toBeUndefined()
  })
})

describe('privacyContactEmail', () => {
  it("defaults to privacy@ the site's domain, without www.", async () => {
    const { privacyContactEmail, serverEnv } = await loadWith({ ...valid, NEXT_PUBLIC_SITE_URL: 'https://www.doulaos.com' })
    expect(privacyContactEmail(serverEnv())).toBe('privacy@doulaos.com')
  })

  it('uses PRIVACY_CONTACT_EMAIL when set, and refuses one that is not an address', async () => {
    const set = await loadWith({ ...valid, PRIVACY_CONTACT_EMAIL: 'dpo@example.org' })
    expect(set.privacyContactEmail()).toBe('dpo@example.org')
    const bad = await loadWith({ ...valid, PRIVACY_CONTACT_EMAIL: 'privacy desk' })
    expect(() => bad.serverEnv()).toThrow(/PRIVACY_CONTACT_EMAIL must be an email address/)
  })
})

describe('sentryDsn', () => {
  it('is undefined (monitoring off) unless SENTRY_DSN is set to a URL', async () => {
    expect((await loadWith({ ...valid, SENTRY_DSN: undefined })).sentryDsn()).toBeUndefined()
    expect((await loadWith({ ...valid, SENTRY_DSN: '' })).sentryDsn()).toBeUndefined()
    expect((await loadWith({ ...valid, SENTRY_DSN: 'not a dsn' })).sentryDsn()).toBeUndefined()
    expect((await loadWith({ ...valid, SENTRY_DSN: 'https://abc123@o1.ingest.sentry.io/42' })).sentryDsn()).toBe('https://abc123@o1.ingest.sentry.io/42')
  })
})
