import type Stripe from 'stripe'
import type { Sql } from 'postgres'
import { expect } from 'vitest'
import type { BillingActor } from '../../../lib/billing/billing-owner.ts'
import { createUser, type TestUser } from '../../helpers/personas.ts'
import { completeCheckout, LOCAL_STRIPE_WEBHOOK_SECRET, stripeClient } from '../../helpers/stripe.ts'
import { createPractice, type Practice } from '../../helpers/world.ts'

export const SITE = 'http://127.0.0.1:3998'

type RoutePost = (request: Request) => Promise<Response>

/** A request as Stripe sends it: the raw JSON body and `Stripe-Signature: t=…,v1=…` over `<t>.<body>`. */
export function signedDelivery(
  payload: string,
  options: { secret?: string; timestamp?: number; signedPayload?: string } = {},
): Request {
  const header = stripeClient().webhooks.generateTestHeaderString({
    payload: options.signedPayload ?? payload,
    secret: options.secret ?? LOCAL_STRIPE_WEBHOOK_SECRET,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
  })
  return new Request(`${SITE}/api/stripe/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': header },
    body: payload,
  })
}

export async function deliver(post: RoutePost, event: Stripe.Event): Promise<{ status: number; body: { outcome?: string } }> {
  const res = await post(signedDelivery(JSON.stringify(event)))
  return { status: res.status, body: (await res.json()) as { outcome?: string } }
}

/** Every event the stand-in holds about one customer, oldest first. */
export async function eventsFor(customerId: string, subscriptionIds: string[] = []): Promise<Stripe.Event[]> {
  const all = await stripeClient().events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })
  const mine = all.filter((event) => {
    const object = event.data.object as { id?: string; customer?: string | null; subscription?: string | null; parent?: { subscription_details?: { subscription?: string } } | null }
    return object.customer === customerId || object.id === customerId || subscriptionIds.includes(object.id ?? '')
  })
  return mine.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id))
}

export interface BillingPractice {
  practice: Practice
  owner: TestUser
  actor: BillingActor
}

export async function billingPractice(sql: Sql, name = 'Billing Practice'): Promise<BillingPractice> {
  const owner = await createUser(sql, { fullName: `${name} owner` })
  const practice = await createPractice(sql, owner, name)
  return {
    practice,
    owner,
    actor: { practiceId: practice.id, practiceName: name, role: 'owner', userId: owner.id, email: owner.email },
  }
}

/** Completes a checkout session on the stand-in's hosted page and returns its subscription id. */
export async function payCheckout(url: string, card = '4242424242424242'): Promise<string> {
  await completeCheckout(url, card)
  const sessionId = new URL(url).pathname.split('/').pop()!
  const session = await stripeClient().checkout.sessions.retrieve(sessionId)
  expect(session.status).toBe('complete')
  return String(session.subscription)
}

export async function storedSubscription(sql: Sql, practiceId: string) {
  const [row] = await sql<{ stripe_subscription_id: string; status: string; plan: string | null; seats: number; stripe_customer_id: string }[]>`
    select stripe_subscription_id, status, plan, seats, stripe_customer_id from public.billing_subscriptions where practice_id = ${practiceId}`
  return row ?? null
}

/** Puts a practice's subscription in `status` directly (as the webhook would have stored it); null removes it. */
export async function setSubscription(sql: Sql, practiceId: string, status: string | null, seats = 1, plan: 'solo' | 'team' = 'solo') {
  await sql`delete from public.billing_subscriptions where practice_id = ${practiceId}`
  if (status === null) return
  const suffix = practiceId.replaceAll('-', '').slice(0, 16)
  await sql`insert into public.billing_customers (practice_id, stripe_customer_id) values (${practiceId}, ${'cus_t' + suffix})
            on conflict (practice_id) do nothing`
  await sql`insert into public.billing_subscriptions (practice_id, stripe_subscription_id, stripe_customer_id, status, plan, seats,
              subscription_created_at, fetched_at)
            values (${practiceId}, ${'sub_t' + suffix}, ${'cus_t' + suffix}, ${status}, ${plan}, ${seats}, now(), now())`
}
