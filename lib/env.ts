import 'server-only'
import { z } from 'zod'
import { describeEnvIssues, PublicEnvSchema } from './env-public'

/**
 * Every variable the server needs. Values are read at request time (not inlined at build time), so
 * one build runs against any environment. Secrets live only here, behind `server-only`.
 */
export const ServerEnvSchema = PublicEnvSchema.extend({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SUPABASE_SERVICE_ROLE_KEY: z
    .string({ error: 'Set SUPABASE_SERVICE_ROLE_KEY to the Supabase service_role key (server only, never NEXT_PUBLIC_)' })
    .min(20, 'SUPABASE_SERVICE_ROLE_KEY looks truncated: copy the whole service_role key'),
  SEND_EMAIL_HOOK_SECRET: z
    .string({ error: 'Set SEND_EMAIL_HOOK_SECRET to the Send Email hook secret (Auth → Hooks), format v1,whsec_…' })
    .regex(/^v1,whsec_[A-Za-z0-9+/=]{32,88}$/, 'SEND_EMAIL_HOOK_SECRET must look like v1,whsec_<base64>'),
  RESEND_API_KEY: z
    .string({ error: 'Set RESEND_API_KEY to a Resend API key (resend.com → API Keys), format re_…' })
    .startsWith('re_', 'RESEND_API_KEY must start with re_'),
  RESEND_BASE_URL: z.url({ error: 'RESEND_BASE_URL must be a URL (leave unset to use api.resend.com)' }).optional(),
  EMAIL_FROM: z
    .string({ error: 'Set EMAIL_FROM to the sender, e.g. "DoulaOS <hello@mail.doulaos.com>"' })
    .regex(/^.+<[^<>@\s]+@[^<>@\s]+>$|^[^<>@\s]+@[^<>@\s]+$/, 'EMAIL_FROM must be an address or "Name <address>"'),
  STRIPE_SECRET_KEY: z
    .string({ error: 'Set STRIPE_SECRET_KEY to a Stripe secret key (Developers → API keys), format sk_live_… or sk_test_…' })
    .regex(/^(sk|rk)_(live|test)_[A-Za-z0-9_]{10,}$/, 'STRIPE_SECRET_KEY must look like sk_live_…, sk_test_… (or a restricted rk_… key)'),
  STRIPE_WEBHOOK_SECRET: z
    .string({ error: 'Set STRIPE_WEBHOOK_SECRET to the signing secret of the webhook endpoint (Developers → Webhooks), format whsec_…' })
    .regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'STRIPE_WEBHOOK_SECRET must look like whsec_…'),
  STRIPE_API_URL: z
    .url({ error: 'STRIPE_API_URL must be a URL such as http://127.0.0.1:54325 (the local Stripe stand-in; leave unset for api.stripe.com)' })
    .optional(),
  CRON_SECRET: z
    .string({ error: 'Set CRON_SECRET to a random string of at least 16 characters (Vercel sends it to cron routes)' })
    .min(16, 'CRON_SECRET must be at least 16 characters'),
  /**
   * The request header your host's own proxy sets to the visitor's address, replacing anything the
   * visitor sent. Vercel sets x-real-ip (and is detected through VERCEL=1); elsewhere name your
   * proxy's header, or leave it unset and no IP is recorded.
   */
  TRUSTED_IP_HEADER: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, 'TRUSTED_IP_HEADER must be a lower-case header name, e.g. x-real-ip')
    .optional(),
  /** Where people write about privacy; unset, it is privacy@ the site's domain (see privacyContactEmail). */
  PRIVACY_CONTACT_EMAIL: z.email({ error: 'PRIVACY_CONTACT_EMAIL must be an email address, e.g. privacy@doulaos.com' }).optional(),
  /** Sentry project DSN: errors are reported only when it is set (see lib/monitoring). */
  SENTRY_DSN: z.url({ error: 'SENTRY_DSN must be the DSN URL from Sentry (Project Settings → Client Keys), or unset' }).optional(),
  /** Set to 1 by Vercel on its deployments. */
  VERCEL: z.string().optional(),
})

export type ServerEnv = z.infer<typeof ServerEnvSchema>

const NAMES = Object.keys(ServerEnvSchema.shape) as (keyof ServerEnv)[]

let cached: ServerEnv | undefined

/** Reads and validates the environment; throws one message naming every variable to fix. */
export function serverEnv(): ServerEnv {
  if (cached) return cached
  const source = process.env
  const raw: Record<string, string | undefined> = {}
  // Indexed reads on purpose: a literal process.env.NEXT_PUBLIC_X would be frozen at build time.
  for (const name of NAMES) raw[name] = source[name] || undefined
  const parsed = ServerEnvSchema.safeParse(raw)
  if (!parsed.success) throw new Error(`Invalid server environment:\n${describeEnvIssues(parsed.error)}`)
  cached = parsed.data
  return cached
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * A production build serving a public site. `next start` on loopback (e2e, local checks) is a
 * production build too, but talks to the local stand-ins and must be allowed to.
 */
export function isDeployedProduction(env: ServerEnv = serverEnv()): boolean {
  return env.NODE_ENV === 'production' && !LOOPBACK_HOSTS.has(new URL(env.NEXT_PUBLIC_SITE_URL).hostname)
}

/** The privacy contact shown on /privacy, /security and Settings: PRIVACY_CONTACT_EMAIL, else privacy@ the site's domain. */
export function privacyContactEmail(env: ServerEnv = serverEnv()): string {
  return env.PRIVACY_CONTACT_EMAIL ?? `privacy@${new URL(env.NEXT_PUBLIC_SITE_URL).hostname.replace(/^www\./, '')}`
}

/**
 * The Sentry DSN, or undefined (monitoring off). Read on its own so that starting monitoring never
 * depends on the rest of the environment; an invalid value is reported by serverEnv().
 */
export function sentryDsn(): string | undefined {
  const parsed = ServerEnvSchema.shape.SENTRY_DSN.safeParse(process.env.SENTRY_DSN || undefined)
  return parsed.success ? parsed.data : undefined
}
