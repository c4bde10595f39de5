import type { Stripe } from '../stripe'

export const BILLING_PATH = '/dashboard/settings/billing'

/** An email to the practice's owners, queued in the outbox with the event that caused it. */
export interface BillingNotice {
  template: 'billing-trial-ending' | 'billing-payment-failed' | 'billing-payment-action'
  payload: { path: string; date?: string }
}

/**
 * What one event changes: the subscription to re-read from Stripe (its state then, not the
 * event's copy, so events arriving out of order still end in Stripe's current state), the customer
 * it concerns, and a notice for the owners.
 */
export interface BillingEffect {
  customerId: string | null
  subscriptionId: string | null
  notice: BillingNotice | null
}

export type EventHandler = (event: Stripe.Event) => BillingEffect

export const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value == null ? null : typeof value === 'string' ? value : value.id

export const isoDate = (seconds: number | null | undefined) =>
  typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : undefined
