import type { Stripe } from '../stripe'
import { BILLING_PATH, idOf, isoDate, type BillingEffect } from './billing-effect'

const subscriptionOf = (event: Stripe.Event) => event.data.object as Stripe.Subscription

/** customer.subscription.created / updated: the subscription's state. */
export function subscriptionChanged(event: Stripe.Event): BillingEffect {
  const subscription = subscriptionOf(event)
  return { customerId: idOf(subscription.customer), subscriptionId: subscription.id, notice: null }
}

/** customer.subscription.deleted: ended; the practice turns read-only and the owner is told. */
export function subscriptionDeleted(event: Stripe.Event): BillingEffect {
  const subscription = subscriptionOf(event)
  return {
    customerId: idOf(subscription.customer),
    subscriptionId: subscription.id,
    notice: { template: 'billing-cancelled', payload: { path: BILLING_PATH, date: isoDate(subscription.ended_at ?? event.created) } },
  }
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
