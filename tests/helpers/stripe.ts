import { LOCAL_STRIPE_WEBHOOK_SECRET } from '@doulaos/local-stripe'
import Stripe from 'stripe'
import { inject } from 'vitest'

export { LOCAL_STRIPE_WEBHOOK_SECRET }

/** The integration run's Stripe stand-in (tests/integration/global-setup.ts). */
export interface StripeInfo {
  url: string
  secretKey: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    stripe: StripeInfo
  }
}

export const stripeInfo = (): StripeInfo => inject('stripe')

/** The unmodified stripe client pointed at the run's stand-in. */
export function stripeClient(info: StripeInfo = stripeInfo()): Stripe {
  const url = new URL(info.url)
  return new Stripe(info.secretKey, { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 })
}

async function control<T>(path: string, init: RequestInit = {}, info = stripeInfo()): Promise<T> {
  const res = await fetch(`${info.url}${path}`, { ...init, headers: { Authorization: `Bearer ${info.secretKey}`, 'Content-Type': 'application/json' } })
  const body = (await res.json()) as T & { error?: { message: string } }
  if (!res.ok) throw new Error(`local Stripe ${path}: ${body.error?.message ?? `HTTP ${res.status}`}`)
  return body
}

/** Moves the stand-in clock forward (`'15d'`, `'36h'`, `'90m'`), running trial ends, renewals and retries. */
export const advanceStripeClock = (duration: string) =>
  control<{ from: number; to: number; events: { id: string; type: string; created: number }[] }>('/_local/clock/advance', { method: 'POST', body: JSON.stringify({ duration }) })

/** Waits until every queued webhook was delivered or gave up. */
export const stripeWebhooksSettled = () => control<{ settled: boolean }>('/_local/webhooks/settled')

/** Completes a checkout session on its hosted page as a person would; returns the success_url it redirects to. */
export async function completeCheckout(sessionUrl: string, card = '4242424242424242', email = ''): Promise<string> {
  const form = new URLSearchParams({ email, number: card, expiry: card ? '12 / 34' : '', cvc: card ? '123' : '', cardholder: '' })
  const res = await fetch(sessionUrl, { method: 'POST', body: form, redirect: 'manual' })
  if (res.status !== 303) throw new Error(`Checkout was not completed (HTTP ${res.status})`)
  return res.headers.get('location') ?? ''
}
