import type { Stripe } from './stripe'
import { TRIAL_DAYS } from './plans'
import { BILLING_PATH } from './webhook/billing-effect'

/**
 * The parameters of every request the app sends to Stripe, built in one pure module so the app and
 * the contract test (supabase/local-stripe/tests/contract.ts, against the stand-in and real Stripe
 * test mode) send exactly the same ones: the stand-in cannot silently diverge on any of them.
 */

export const CHECKOUT_RETURN_PATH = `${BILLING_PATH}/return`

/** prices.list: the active price under a lookup key. */
export const priceByLookupKeyParams = (lookupKey: string): Stripe.PriceListParams => ({ lookup_keys: [lookupKey], active: true, limit: 1 })

/** customers.create: the practice's one customer, made once per practice whatever the races. */
export function customerCreateRequest(practice: { practiceId: string; practiceName: string; email: string | null }): [Stripe.CustomerCreateParams, Stripe.RequestOptions] {
  return [
    { name: practice.practiceName, email: practice.email ?? undefined, metadata: { practice_id: practice.practiceId } },
    { idempotencyKey: `doulaos-customer-${practice.practiceId}` },
  ]
}

/** checkout.sessions.create: a subscription checkout; the first one starts a trial that needs no card. */
export function checkoutSessionParams(input: {
  customer: string
  priceId: string
  seats: number
  practiceId: string
  trial: boolean
  siteUrl: string
}): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'subscription',
    customer: input.customer,
    line_items: [{ price: input.priceId, quantity: input.seats }],
    client_reference_id: input.practiceId,
    metadata: { practice_id: input.practiceId },
    subscription_data: {
      metadata: { practice_id: input.practiceId },
      ...(input.trial ? { trial_period_days: TRIAL_DAYS, trial_settings: { end_behavior: { missing_payment_method: 'cancel' as const } } } : {}),
    },
    payment_method_collection: input.trial ? 'if_required' : 'always',
    success_url: `${new URL(CHECKOUT_RETURN_PATH, input.siteUrl)}?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: new URL(BILLING_PATH, input.siteUrl).toString(),
  }
}

/** billingPortal.sessions.create: the customer portal, back to the billing page. */
export const portalSessionParams = (customer: string, siteUrl: string): Stripe.BillingPortal.SessionCreateParams => ({
  customer,
  return_url: new URL(BILLING_PATH, siteUrl).toString(),
})

/** subscriptions.list: every subscription of the customer, ended ones included. */
export const customerSubscriptionsParams = (customer: string): Stripe.SubscriptionListParams => ({ customer, status: 'all', limit: 100 })

/** subscriptions.cancel: at once, with no final invoice and no proration credit. */
export const CANCEL_AT_ONCE: Stripe.SubscriptionCancelParams = { invoice_now: false, prorate: false }

/** invoices.list: the customer's latest invoices. */
export const recentInvoicesParams = (customer: string, limit: number): Stripe.InvoiceListParams => ({ customer, limit })
