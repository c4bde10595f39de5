import type { Db } from '@/lib/server/db'
import type { Stripe } from './stripe'
import { CANCEL_AT_ONCE, customerSubscriptionsParams } from './stripe-requests'

/** What the deletion receipt says about billing (private.practice_deletions.billing). */
export type BillingErasure = 'no billing' | 'cancelled'

const ENDED = new Set(['canceled', 'incomplete_expired'])

const isMissing = (error: unknown) => (error as { code?: string } | null)?.code === 'resource_missing'

/**
 * The account-deletion step for billing, run before any data goes: every subscription of the
 * practice's Stripe customer is cancelled at once (no further invoice, no proration credit), then
 * the customer is deleted at Stripe, which also removes its saved cards. Idempotent: a rerun finds
 * nothing left to cancel and a customer Stripe no longer has.
 */
export async function endPracticeBilling(admin: Db, practiceId: string, client?: Stripe): Promise<BillingErasure> {
  const { data, error } = await admin.from('billing_customers').select('stripe_customer_id').eq('practice_id', practiceId).maybeSingle()
  if (error) throw new Error(`Reading the practice's Stripe customer: ${error.message}`)
  const customer = data?.stripe_customer_id
  if (!customer) return 'no billing'
  // Loaded only when there is billing to end: the erasure also runs outside Next.js (bench, scripts).
  const stripe = client ?? (await import('./stripe')).createStripeClient()
  try {
    for await (const subscription of stripe.subscriptions.list(customerSubscriptionsParams(customer))) {
      if (ENDED.has(subscription.status)) continue
      await stripe.subscriptions.cancel(subscription.id, CANCEL_AT_ONCE)
    }
    await stripe.customers.del(customer)
  } catch (error) {
    if (!isMissing(error)) throw error
  }
  return 'cancelled'
}
