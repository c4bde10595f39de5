import type { Stripe } from '../stripe'
import { BILLING_PATH, idOf, isoDate, type BillingEffect } from './billing-effect'

const subscriptionOf = (event: Stripe.Event) => event.data.object as Stripe.Subscription

/**
 * customer.subscription.created / updated / deleted: the subscription's state. When the stored
 * status ends (canceled, unpaid, incomplete_expired) the database queues the owner's notice with
 * the day her data goes, once per end (migration 20261206130000).
 */
export function subscriptionChanged(event: Stripe.Event): BillingEffect {
  const subscription = subscriptionOf(event)
  return { customerId: idOf(subscription.customer), subscriptionId: subscription.id, notice: null }
}

/** customer.subscription.trial_will_end: three days before the trial ends. */
export function subscriptionTrialWillEnd(event: Stripe.Event): BillingEffect {
  const subscription = subscriptionOf(event)
  return {
    customerId: idOf(subscription.customer),
    subscriptionId: subscription.id,
    notice: { template: 'billing-trial-ending', payload: { path: BILLING_PATH, date: isoDate(subscription.trial_end) } },
  }
}
