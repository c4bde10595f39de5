import type { Stripe } from './stripe'
import { isSubscriptionStatus, type SubscriptionStatus } from './entitlement'
import { planForLookupKey, type BillingInterval, type PlanId } from './plans'

/** What billing_apply_event stores for a subscription (public.billing_subscriptions). */
export interface SubscriptionState {
  id: string
  customer: string
  status: SubscriptionStatus
  price_lookup_key: string | null
  plan: PlanId | null
  billing_interval: BillingInterval | null
  seats: number
  amount: number | null
  currency: string | null
  trial_end: string | null
  current_period_end: string | null
  cancel_at_period_end: boolean
  cancel_at: string | null
  canceled_at: string | null
  ended_at: string | null
  created_at: string
  fetched_at: string
}

const at = (seconds: number | null | undefined) => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null)

export const customerIdOf = (customer: string | { id: string }) => (typeof customer === 'string' ? customer : customer.id)

/**
 * The state to store, from a subscription just read from Stripe at `fetchedAt`. Since API version
 * 2025-03-31 the billing period lives on the subscription item; the plan is the first item's price.
 */
export function subscriptionState(subscription: Stripe.Subscription, fetchedAt: Date): SubscriptionState {
  if (!isSubscriptionStatus(subscription.status)) throw new Error(`Unknown subscription status ${subscription.status}`)
  const item = subscription.items.data[0]
  const price = item?.price
  const lookupKey = price?.lookup_key ?? null
  const named = planForLookupKey(lookupKey)
  const quantity = Math.max(1, item?.quantity ?? 1)
  return {
    id: subscription.id,
    customer: customerIdOf(subscription.customer),
    status: subscription.status,
    price_lookup_key: lookupKey,
    plan: named?.plan ?? null,
    billing_interval: named?.interval ?? (price?.recurring?.interval === 'year' ? 'year' : price?.recurring?.interval === 'month' ? 'month' : null),
    seats: named?.plan === 'solo' ? 1 : Math.min(quantity, 1000),
    amount: typeof price?.unit_amount === 'number' ? price.unit_amount * quantity : null,
    currency: price?.currency ?? null,
    trial_end: at(subscription.trial_end),
    current_period_end: at(item?.current_period_end),
    cancel_at_period_end: subscription.cancel_at_period_end,
    cancel_at: at(subscription.cancel_at),
    canceled_at: at(subscription.canceled_at),
    ended_at: at(subscription.ended_at),
    created_at: at(subscription.created)!,
    fetched_at: fetchedAt.toISOString(),
  }
}
