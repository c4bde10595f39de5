import 'server-only'
import type { Db } from '@/lib/server/db'
import type { Stripe } from '../stripe'
import { subscriptionState, type SubscriptionState } from '../subscription-state'
import type { EventHandler } from './billing-effect'
import { checkoutSessionCompleted } from './checkout-session-completed'
import { invoicePaid, invoicePaymentActionRequired, invoicePaymentFailed } from './invoice-events'
import { subscriptionChanged, subscriptionTrialWillEnd } from './subscription-changed'

export interface WebhookDeps {
  /** The service-role client: only it may apply billing state. */
  admin: Db
  stripe: Stripe
  now?: () => Date
}

export type WebhookOutcome = 'applied' | 'ignored' | 'duplicate' | 'unhandled'

const HANDLERS: Record<string, EventHandler> = {
  'checkout.session.completed': checkoutSessionCompleted,
  'customer.subscription.created': subscriptionChanged,
  'customer.subscription.updated': subscriptionChanged,
  'customer.subscription.deleted': subscriptionChanged,
  'customer.subscription.trial_will_end': subscriptionTrialWillEnd,
  'invoice.paid': invoicePaid,
  'invoice.payment_failed': invoicePaymentFailed,
  'invoice.payment_action_required': invoicePaymentActionRequired,
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'resource_missing'
}

/** The subscription as Stripe has it now; null when Stripe no longer knows it. */
async function readSubscription(deps: WebhookDeps, id: string): Promise<SubscriptionState | null> {
  try {
    const subscription = await deps.stripe.subscriptions.retrieve(id)
    // Stamped when the answer arrived: a later read is at least as new.
    return subscriptionState(subscription, (deps.now ?? (() => new Date()))())
  } catch (error) {
    if (isMissing(error)) return null
    throw error
  }
}

/**
 * Applies one verified event. Everything it changes (the event id, the subscription state, the
 * owners' notice) is written by one database call in one transaction, so a failure leaves nothing
 * half-applied and the redelivery applies it whole; a duplicate changes nothing. Throws on any
 * failure, so the route answers 500 and Stripe retries.
 */
export async function handleStripeEvent(deps: WebhookDeps, event: Stripe.Event): Promise<WebhookOutcome> {
  const handler = Object.hasOwn(HANDLERS, event.type) ? HANDLERS[event.type] : undefined
  if (!handler) return 'unhandled'
  const effect = handler(event)
  const subscription = effect.subscriptionId ? await readSubscription(deps, effect.subscriptionId) : null
  // The customer the event names decides the practice; a subscription read back for another customer is not applied.
  const customerId = effect.customerId ?? subscription?.customer ?? null
  const state = subscription && subscription.customer === customerId ? subscription : null
  const { data, error } = await deps.admin.rpc('billing_apply_event', {
    event_id: event.id,
    event_type: event.type,
    event_created_at: new Date(event.created * 1000).toISOString(),
    // The generated types make every argument non-null; the function takes null for "none".
    stripe_customer: customerId as string,
    subscription: state as never,
    notice: effect.notice as never,
  })
  if (error) throw new Error(`Applying Stripe event ${event.id}: ${error.message}`)
  return data as WebhookOutcome
}
