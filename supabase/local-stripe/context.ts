import type { Clock } from './clock.ts'
import type { StripeObject, Store } from './store.ts'
import type { WebhookDispatcher } from './webhooks.ts'

/** What a failed payment that has used up its retries does to the subscription (Billing settings). */
export type ExhaustedRetriesBehavior = 'unpaid' | 'canceled' | 'past_due'

export interface Ctx {
  store: Store
  clock: Clock
  webhooks: WebhookDispatcher
  /** The stand-in's own URL, for hosted page links (`url`, `hosted_invoice_url`). */
  baseUrl: string
  /** Days between a failed renewal and each retry (Stripe's default Smart Retries: 4 attempts). */
  retryDays: number[]
  exhaustedRetries: ExhaustedRetriesBehavior
  /** The API request being served, recorded on the events it causes (`event.request`). */
  request?: { id: string; idempotency_key: string | null }
  log(message: string): void
}

/** API version of the events' payloads: the one stripe-node 23.2.0 pins (`Stripe.API_VERSION`). */
export const API_VERSION = '2026-11-18.endive'

export type Obj = StripeObject
