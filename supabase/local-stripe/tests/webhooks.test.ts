import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { signatureHeader } from '../index.ts'
import { seedPlans, startHarness, subscribe, WEBHOOK_SECRET, type Harness } from './harness.ts'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(() => h.stop())

describe('webhook delivery', () => {
  it('delivers every event in order, signed so stripe.webhooks.constructEvent verifies it', async () => {
    const plans = await seedPlans(h.stripe)
    await subscribe(h, plans.soloMonthly.id, { trialDays: 14, card: '4242424242424242' })
    h.local.advance('14d')
    await h.local.webhooksSettled()
    expect(h.receiver.rejected).toEqual([])
    const all = h.local.events().map((e) => e.id).reverse()
    expect(h.receiver.events.map((e) => e.id)).toEqual(all)
    expect(h.receiver.events.map((e) => e.type)).toContain('checkout.session.completed')
    expect(h.receiver.events.map((e) => e.type)).toContain('customer.subscription.trial_will_end')
    expect(h.local.deliveries().every((d) => d.state === 'delivered' && d.attempts.length === 1)).toBe(true)
    const last = await h.stripe.events.retrieve(all.at(-1)!)
    expect(last.pending_webhooks).toBe(0)
  })

  it('signs like Stripe: t and v1, HMAC-SHA256 of "t.payload"; a tampered payload or stale timestamp fails', () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event' })
    const t = Math.floor(Date.now() / 1000)
    const header = signatureHeader(payload, WEBHOOK_SECRET, t)
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    const verifier = new Stripe('sk_test_x')
    expect(header).toBe(verifier.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: t }))
    expect(verifier.webhooks.constructEvent(payload, header, WEBHOOK_SECRET)).toMatchObject({ id: 'evt_1' })
    expect(() => verifier.webhooks.constructEvent(payload.replace('evt_1', 'evt_2'), header, WEBHOOK_SECRET)).toThrow(Stripe.errors.StripeSignatureVerificationError)
    const stale = signatureHeader(payload, WEBHOOK_SECRET, t - 600)
    expect(() => verifier.webhooks.constructEvent(payload, stale, WEBHOOK_SECRET)).toThrow(/Timestamp outside the tolerance zone/)
  })

  it('keeps real time in the signature after the clock has moved weeks ahead', async () => {
    const plans = await seedPlans(h.stripe)
    await subscribe(h, plans.soloMonthly.id, { card: '4242424242424242' })
    h.local.advance('60d')
    await h.local.webhooksSettled()
    expect(h.receiver.rejected).toEqual([])
    expect(h.receiver.events.at(-1)!.created).toBeGreaterThan(Date.now() / 1000 + 25 * 86400)
  })

  it('retries a failed delivery with growing delays until it is accepted', async () => {
    h.receiver.failNext(2, 500)
    const c = await h.stripe.customers.create({ email: 'retry@example.test' })
    await h.local.webhooksSettled()
    const d = h.local.deliveries().find((x) => x.eventId === h.local.events().find((e) => (e.data as { object: { id: string } }).object.id === c.id)!.id)!
    expect(d.state).toBe('delivered')
    expect(d.attempts.map((a) => a.status)).toEqual([500, 500, 200])
    const gaps = [d.attempts[1]!.at - d.attempts[0]!.at, d.attempts[2]!.at - d.attempts[1]!.at]
    expect(gaps[0]).toBeGreaterThanOrEqual(20)
    expect(gaps[1]).toBeGreaterThanOrEqual(40)
    expect(h.receiver.events.map((e) => e.type)).toEqual(['customer.created'])
  })

  it('gives up after the last attempt, and a later event is still delivered', async () => {
    h.receiver.failNext(4, 503)
    await h.stripe.customers.create({ email: 'gone@example.test' })
    await h.local.webhooksSettled()
    expect(h.local.deliveries()[0]).toMatchObject({ state: 'failed' })
    expect(h.local.deliveries()[0]!.attempts).toHaveLength(4)
    await h.stripe.customers.create({ email: 'next@example.test' })
    await h.local.webhooksSettled()
    expect(h.local.deliveries()[1]).toMatchObject({ state: 'delivered' })
  })

  it('treats a refused connection as a failed attempt', async () => {
    await new Promise<void>((ok) => h.receiver.server.close(() => ok()))
    await h.stripe.customers.create({ email: 'nobody-home@example.test' })
    await h.local.webhooksSettled()
    expect(h.local.deliveries()[0]!.attempts.every((a) => a.status === 0 && a.error)).toBe(true)
    h.receiver.server.listen(0)
  })
})

describe('webhook endpoints API', () => {
  it('creates an endpoint (secret shown once), filters by enabled_events, and stops on delete', async () => {
    const endpoint = await h.stripe.webhookEndpoints.create({ url: h.receiver.url.replace('/api/stripe/webhook', '/second'), enabled_events: ['invoice.paid'] })
    expect(endpoint.id).toMatch(/^we_/)
    expect(endpoint.secret).toMatch(/^whsec_/)
    expect((await h.stripe.webhookEndpoints.retrieve(endpoint.id)).secret).toBeUndefined()
    await h.stripe.customers.create({ email: 'filter@example.test' })
    await h.local.webhooksSettled()
    expect(h.local.deliveries().filter((d) => d.endpointId === endpoint.id)).toEqual([])
    const listed = await h.stripe.webhookEndpoints.list()
    expect(listed.data.map((e) => e.id)).toContain(endpoint.id)
    expect(await h.stripe.webhookEndpoints.del(endpoint.id)).toMatchObject({ id: endpoint.id, deleted: true })
  })
})
