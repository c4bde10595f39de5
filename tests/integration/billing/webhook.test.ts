import type Stripe from 'stripe'
import type { startCheckout as StartCheckout } from '../../../lib/billing/checkout.service.ts'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { adminDb, useAppEnv } from '../../helpers/app-session.ts'
import { superuser } from '../../helpers/stack.ts'
import { advanceStripeClock, stripeClient, stripeWebhooksSettled } from '../../helpers/stripe.ts'
import { billingPractice, deliver, eventsFor, payCheckout, signedDelivery, SITE, storedSubscription, type BillingPractice } from './fixtures.ts'

type RoutePost = (request: Request) => Promise<Response>

const sql = superuser()
let POST: RoutePost
let startCheckout: typeof StartCheckout

const deps = () => ({ admin: adminDb(), stripe: stripeClient(), siteUrl: SITE })

async function recordedEvents(ids: string[]) {
  const rows = await sql<{ id: string }[]>`select id from private.billing_events where id = any(${ids})`
  return rows.length
}

async function notices(practiceId: string) {
  return sql<{ template: string; recipient: string; payload: { path: string; date?: string } }[]>`
    select template, recipient, payload from public.notifications where practice_id = ${practiceId} and template like 'billing-%'
    order by created_at, template`
}

/** A practice that subscribed to Solo monthly through the app's checkout: a 14-day trial, no card asked. */
async function subscribed(name: string, card = '4242424242424242') {
  const p = await billingPractice(sql, name)
  const { url } = await startCheckout(deps(), p.actor, { plan: 'solo', interval: 'month' })
  const subscriptionId = await payCheckout(url, card)
  const customerId = (await stripeClient().subscriptions.retrieve(subscriptionId)).customer as string
  return { ...p, subscriptionId, customerId }
}

beforeAll(async () => {
  useAppEnv({ NEXT_PUBLIC_SITE_URL: SITE })
  vi.resetModules()
  ;({ POST } = await import('@/app/api/stripe/webhook/route'))
  ;({ startCheckout } = await import('@/lib/billing/checkout.service'))
  const { ensureCatalog } = await import('@/lib/billing/catalog')
  await ensureCatalog(stripeClient())
})

afterAll(async () => {
  await stripeWebhooksSettled()
  await sql.end()
})

describe('POST /api/stripe/webhook: the signature', () => {
  let event: Stripe.Event
  beforeAll(async () => {
    const p = await subscribed('Signature Practice')
    event = (await eventsFor(p.customerId)).find((e) => e.type === 'checkout.session.completed')!
  })

  it('refuses a delivery without a Stripe-Signature header', async () => {
    const res = await POST(new Request(`${SITE}/api/stripe/webhook`, { method: 'POST', body: JSON.stringify(event) }))
    expect(res.status).toBe(400)
    expect(await recordedEvents([event.id])).toBe(0)
  })

  it('refuses a body changed after signing', async () => {
    const signed = JSON.stringify(event)
    const tampered = signed.replace('"complete"', '"open"')
    expect(tampered).not.toBe(signed)
    const res = await POST(signedDelivery(tampered, { signedPayload: signed }))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: 'Invalid signature' })
    expect(await recordedEvents([event.id])).toBe(0)
  })

  it('refuses a signature made with another secret', async () => {
    const res = await POST(signedDelivery(JSON.stringify(event), { secret: 'whsec_someoneElsesSecret000000' }))
    expect(res.status).toBe(400)
  })

  it('refuses a signature older than the 5-minute tolerance (a replay)', async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60
    const res = await POST(signedDelivery(JSON.stringify(event), { timestamp: stale }))
    expect(res.status).toBe(400)
    expect(await recordedEvents([event.id])).toBe(0)
  })

  it('accepts the same event correctly signed, and answers 200 to events it does not handle', async () => {
    const res = await POST(signedDelivery(JSON.stringify(event)))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ received: true, outcome: 'applied' })
    expect(await recordedEvents([event.id])).toBe(1)
    const other = { ...event, id: 'evt_unhandledKind000', type: 'product.created' }
    const unhandled = await POST(signedDelivery(JSON.stringify(other)))
    expect(unhandled.status).toBe(200)
    expect(await unhandled.json()).toEqual({ received: true, outcome: 'unhandled' })
  })
})

describe('POST /api/stripe/webhook: applying events', () => {
  let p: BillingPractice & { subscriptionId: string; customerId: string }
  beforeAll(async () => {
    p = await subscribed('Lifecycle Practice', '4000000000000341')
  })

  it('stores the subscription checkout created, from a verified event only', async () => {
    expect(await storedSubscription(sql, p.practice.id)).toBeNull()
    const events = await eventsFor(p.customerId)
    const completed = events.find((e) => e.type === 'checkout.session.completed')!
    expect(await deliver(POST, completed)).toEqual({ status: 200, body: { received: true, outcome: 'applied' } })
    expect(await storedSubscription(sql, p.practice.id)).toEqual({
      stripe_subscription_id: p.subscriptionId,
      stripe_customer_id: p.customerId,
      status: 'trialing',
      plan: 'solo',
      seats: 1,
    })
  })

  it('applies a duplicate delivery once, even when both arrive together', async () => {
    const advanced = await advanceStripeClock('12d')
    expect(advanced.events.map((e) => e.type)).toContain('customer.subscription.trial_will_end')
    const willEnd = (await eventsFor(p.customerId)).find((e) => e.type === 'customer.subscription.trial_will_end')!
    const results = await Promise.all([deliver(POST, willEnd), deliver(POST, willEnd), deliver(POST, willEnd)])
    expect(results.map((r) => r.status)).toEqual([200, 200, 200])
    expect(results.map((r) => r.body.outcome).sort()).toEqual(['applied', 'duplicate', 'duplicate'])
    expect(await deliver(POST, willEnd)).toMatchObject({ status: 200, body: { outcome: 'duplicate' } })
    const sent = await notices(p.practice.id)
    expect(sent).toEqual([
      { template: 'billing-trial-ending', recipient: p.owner.email, payload: { path: '/dashboard/settings/billing', date: expect.any(String) } },
    ])
  })

  it('ends in Stripe’s current state when events arrive out of order', async () => {
    // The trial ends; the test card 0341 then fails: invoice.payment_failed, subscription past_due.
    // (Other suites share the stand-in's clock, so the state is compared with Stripe's, not assumed.)
    await advanceStripeClock('3d')
    const events = await eventsFor(p.customerId, [p.subscriptionId])
    const created = events.find((e) => e.type === 'customer.subscription.created')!
    const updated = events.filter((e) => e.type === 'customer.subscription.updated').at(-1)!
    const failed = events.find((e) => e.type === 'invoice.payment_failed')!
    expect((created.data.object as Stripe.Subscription).status).toBe('trialing')
    // Newest first, then the oldest: the stale 'created' (trialing) must not win.
    for (const event of [failed, updated, created]) expect((await deliver(POST, event)).status).toBe(200)
    const now = await stripeClient().subscriptions.retrieve(p.subscriptionId)
    expect(['past_due', 'unpaid']).toContain(now.status)
    expect(await storedSubscription(sql, p.practice.id)).toMatchObject({ status: now.status })
    expect((await notices(p.practice.id)).map((n) => n.template)).toEqual(['billing-trial-ending', 'billing-payment-failed'])
  })

  it('refuses an older read of the same subscription and an older subscription replacing a newer one', async () => {
    const admin = adminDb()
    const row = await storedSubscription(sql, p.practice.id)
    const base = {
      id: p.subscriptionId, customer: p.customerId, status: 'active', price_lookup_key: 'doulaos_solo_monthly', plan: 'solo',
      billing_interval: 'month', seats: 1, amount: 2900, currency: 'usd', trial_end: null, current_period_end: null,
      cancel_at_period_end: false, cancel_at: null, canceled_at: null, ended_at: null, created_at: '2020-01-01T00:00:00Z',
    }
    const apply = (id: string, subscription: object) =>
      admin.rpc('billing_apply_event', {
        event_id: id, event_type: 'customer.subscription.updated', event_created_at: new Date().toISOString(),
        stripe_customer: p.customerId, subscription: subscription as never, notice: null as never,
      })
    const stale = await apply('evt_staleRead00000001', { ...base, fetched_at: '2000-01-01T00:00:00Z' })
    expect(stale).toMatchObject({ data: 'applied', error: null })
    expect(await storedSubscription(sql, p.practice.id)).toEqual(row)
    const older = await apply('evt_olderSub000000001', { ...base, id: 'sub_olderThanCurrent', fetched_at: new Date(Date.now() + 60_000).toISOString() })
    expect(older.error).toBeNull()
    expect(await storedSubscription(sql, p.practice.id)).toEqual(row)
  })

  it('answers 500 when it cannot apply an event, applies nothing, and applies it once on the retry', async () => {
    const failed = (await eventsFor(p.customerId)).filter((e) => e.type === 'invoice.payment_failed').at(-1)!
    const retried = { ...failed, id: `evt_retried${failed.id.slice(4, 20)}` }
    const before = (await notices(p.practice.id)).length
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    useAppEnv({ NEXT_PUBLIC_SITE_URL: SITE, STRIPE_API_URL: 'http://127.0.0.1:9' })
    vi.resetModules()
    const broken = (await import('@/app/api/stripe/webhook/route')).POST
    const res = await broken(signedDelivery(JSON.stringify(retried)))
    expect(res.status).toBe(500)
    expect(logged).toHaveBeenCalledWith('[stripe webhook]', retried.id, 'invoice.payment_failed', expect.anything())
    logged.mockRestore()
    expect(await recordedEvents([retried.id])).toBe(0)
    expect(await notices(p.practice.id)).toHaveLength(before)
    useAppEnv({ NEXT_PUBLIC_SITE_URL: SITE })
    expect(await deliver(POST, retried)).toMatchObject({ status: 200, body: { outcome: 'applied' } })
    expect(await deliver(POST, retried)).toMatchObject({ status: 200, body: { outcome: 'duplicate' } })
    expect(await notices(p.practice.id)).toHaveLength(before + 1)
  })

  it('a cancelled subscription makes the practice read-only and tells the owner', async () => {
    await stripeClient().subscriptions.cancel(p.subscriptionId)
    const deleted = (await eventsFor(p.customerId)).find((e) => e.type === 'customer.subscription.deleted')!
    expect((await deliver(POST, deleted)).status).toBe(200)
    expect(await storedSubscription(sql, p.practice.id)).toMatchObject({ status: 'canceled' })
    const [row] = await sql<{ read_only: boolean }[]>`select private.practice_is_read_only(${p.practice.id}) as read_only`
    expect(row?.read_only).toBe(true)
    expect((await notices(p.practice.id)).map((n) => n.template)).toContain('billing-cancelled')
  })

  it('ignores (and records) events about a customer no practice has', async () => {
    const stranger = await stripeClient().customers.create({ email: 'stranger@example.test' })
    const event = (await eventsFor(stranger.id)).find((e) => e.type === 'customer.created')!
    const asCheckout = { ...event, id: `evt_stranger${stranger.id.slice(4)}`, type: 'invoice.paid', data: { object: { object: 'invoice', id: 'in_x', customer: stranger.id, parent: null } } }
    expect(await deliver(POST, asCheckout as unknown as Stripe.Event)).toMatchObject({ status: 200, body: { outcome: 'ignored' } })
    expect(await recordedEvents([asCheckout.id])).toBe(1)
  })
})
