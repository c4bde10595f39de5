import type { Stripe } from '../stripe'
import { idOf, type BillingEffect } from './billing-effect'

/** checkout.session.completed: the subscription Checkout just created. */
export function checkoutSessionCompleted(event: Stripe.Event): BillingEffect {
  const session = event.data.object as Stripe.Checkout.Session
  if (session.mode !== 'subscription') return { customerId: null, subscriptionId: null, notice: null }
  return { customerId: idOf(session.customer), subscriptionId: idOf(session.subscription), notice: null }
}
