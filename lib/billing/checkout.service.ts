import 'server-only'
import { AppError } from '@/lib/errors'
import { FieldErrors, parseOrFieldErrors } from '@/lib/server/field-errors'
import { dbFailure, type Db } from '@/lib/server/db'
import { StartCheckoutSchema } from './billing.schema'
import { requireBillingOwner, type BillingActor } from './billing-owner'
import { findPrice } from './catalog'
import { getOrCreateCustomer, storedCustomerId } from './customer'
import { isLiveSubscription, isSubscriptionStatus } from './entitlement'
import type { Stripe } from './stripe'
import { checkoutSessionParams, portalSessionParams } from './stripe-requests'

export interface BillingDeps {
  /** Service role: billing rows are written by the server only. */
  admin: Db
  stripe: Stripe
  siteUrl: string
}

async function currentSubscription(admin: Db, practiceId: string) {
  const { data, error } = await admin
    .from('billing_subscriptions')
    .select('stripe_subscription_id, status')
    .eq('practice_id', practiceId)
    .maybeSingle()
  if (error) throw dbFailure('load your subscription', error)
  return data
}

async function memberCount(admin: Db, practiceId: string): Promise<number> {
  const { count, error } = await admin.from('practice_members').select('id', { count: 'exact', head: true }).eq('practice_id', practiceId)
  if (error) throw dbFailure('count your team', error)
  return count ?? 0
}

/**
 * A Stripe Checkout session for the plan the owner picked. The price comes from its lookup key and
 * the customer from the server's own record; the first subscription starts with a trial that needs
 * no card (the subscription is cancelled if none was added by the trial's end).
 */
export async function startCheckout(deps: BillingDeps, actor: BillingActor, input: unknown): Promise<{ url: string }> {
  requireBillingOwner(actor)
  const choice = parseOrFieldErrors(StartCheckoutSchema, input)
  // Once the erasure has begun nothing can keep the data: a payment now would only be cancelled by it.
  const erasing = await deps.admin.rpc('erasure_in_progress', { object_name: `${actor.practiceId}/` })
  if (erasing.error) throw dbFailure('check your practice', erasing.error)
  if (erasing.data) throw new AppError({ code: 'conflict', message: 'Your practice is being deleted, so it can no longer be subscribed.' })
  const current = await currentSubscription(deps.admin, actor.practiceId)
  if (current && isSubscriptionStatus(current.status) && isLiveSubscription(current.status)) {
    throw new AppError({ code: 'conflict', message: 'Your practice already has a subscription: change it with Manage billing.' })
  }
  const seats = choice.plan === 'team' ? (choice.seats ?? 0) : 1
  if (choice.plan === 'team') {
    const members = await memberCount(deps.admin, actor.practiceId)
    if (seats < members) throw new FieldErrors({ seats: `Your team has ${members} members: choose at least ${members} seats.` })
  }
  const price = await findPrice(deps.stripe, choice.plan, choice.interval)
  if (!price) {
    throw new AppError({ code: 'internal', message: 'Billing is not set up yet. Please try again later.', cause: 'price missing: run npm run stripe:setup' })
  }
  const customer = await getOrCreateCustomer(deps.admin, deps.stripe, actor)
  const trial = current === null
  const session = await deps.stripe.checkout.sessions.create(
    checkoutSessionParams({ customer, priceId: price.id, seats, practiceId: actor.practiceId, trial, siteUrl: deps.siteUrl }),
  )
  if (!session.url) throw new AppError({ code: 'internal', message: 'Stripe did not open a checkout page. Please try again.' })
  return { url: session.url }
}

/** The Stripe customer portal (card, plan, seats, invoices, cancellation) for the practice's customer. */
export async function openBillingPortal(deps: BillingDeps, actor: BillingActor): Promise<{ url: string }> {
  requireBillingOwner(actor)
  const customer = await storedCustomerId(deps.admin, actor.practiceId)
  if (!customer) throw new AppError({ code: 'not_found', message: 'Choose a plan first: there is nothing to manage yet.' })
  const session = await deps.stripe.billingPortal.sessions.create(portalSessionParams(customer, deps.siteUrl))
  return { url: session.url }
}

export interface CheckoutResult {
  /** True once the webhook has stored the subscription this checkout created. */
  confirmed: boolean
  status: string | null
}

/**
 * Where a returning checkout stands, from the webhook's record only (never the redirect): the
 * session must belong to this practice's customer, and it counts as confirmed when the stored
 * subscription is the one it created.
 */
export async function checkoutResult(deps: Omit<BillingDeps, 'siteUrl'>, actor: BillingActor, sessionId: string): Promise<CheckoutResult> {
  requireBillingOwner(actor)
  const customer = await storedCustomerId(deps.admin, actor.practiceId)
  let session: Stripe.Checkout.Session
  try {
    session = await deps.stripe.checkout.sessions.retrieve(sessionId)
  } catch (error) {
    if ((error as { code?: string }).code === 'resource_missing') throw new AppError({ code: 'not_found', message: 'That checkout was not found.' })
    throw error
  }
  const sessionCustomer = typeof session.customer === 'string' ? session.customer : (session.customer?.id ?? null)
  if (!customer || sessionCustomer !== customer) throw new AppError({ code: 'not_found', message: 'That checkout was not found.' })
  const subscriptionId = typeof session.subscription === 'string' ? session.subscription : (session.subscription?.id ?? null)
  const current = await currentSubscription(deps.admin, actor.practiceId)
  const confirmed = subscriptionId !== null && current?.stripe_subscription_id === subscriptionId
  return { confirmed, status: confirmed ? (current?.status ?? null) : null }
}
