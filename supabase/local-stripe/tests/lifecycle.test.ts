import type Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DAY, seedPlans, startHarness, subscribe, type Harness } from './harness.ts'

let h: Harness
let plans: Awaited<ReturnType<typeof seedPlans>>
beforeEach(async () => {
  h = await startHarness({ startTime: Date.UTC(2026, 0, 10, 12) / 1000 })
  plans = await seedPlans(h.stripe)
})
afterEach(() => h.stop())

const sub = (id: string) => h.stripe.subscriptions.retrieve(id)
const types = (r: { events: { type: string }[] }) => r.events.map((e) => e.type)

describe('trial to paid', () => {
  it('reminds 3 days before the trial ends, then charges the card and turns active', async () => {
    const { subscription: s } = await subscribe(h, plans.soloMonthly.id, { trialDays: 14, card: '4242424242424242' })
    const start = h.local.now()
    const first = h.local.advance('10d')
    expect(types(first)).toEqual([])
    const remind = h.local.advance('1d')
    expect(types(remind)).toEqual(['customer.subscription.trial_will_end'])
    expect(remind.events[0]!.created).toBe(start + 11 * DAY)
    const end = h.local.advance('3d')
    expect(types(end)).toEqual(['invoice.created', 'invoice.finalized', 'invoice.paid', 'invoice.payment_succeeded', 'customer.subscription.updated'])
    expect(end.events.every((e) => e.created === start + 14 * DAY)).toBe(true)
    const now = await sub(s.id)
    expect(now.status).toBe('active')
    expect(now.items.data[0]).toMatchObject({ current_period_start: start + 14 * DAY, current_period_end: Date.UTC(2026, 1, 24, 12) / 1000 })
    const updated = await h.stripe.events.retrieve(end.events.at(-1)!.id)
    expect(updated.data.previous_attributes).toMatchObject({ status: 'trialing', latest_invoice: s.latest_invoice })
    const invoice = await h.stripe.invoices.retrieve(String(now.latest_invoice))
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 2900, billing_reason: 'subscription_cycle', attempt_count: 1, period_start: start + 14 * DAY })
  })

  it('renews each calendar month, one paid invoice per period', async () => {
    const { subscription: s } = await subscribe(h, plans.teamMonthly.id, { quantity: 4, card: '4242424242424242' })
    const r = h.local.advance('95d')
    expect(types(r).filter((t) => t === 'invoice.paid')).toHaveLength(3)
    const invoices = await h.stripe.invoices.list({ subscription: s.id })
    expect(invoices.data.map((i) => [i.status, i.amount_paid])).toEqual([['paid', 7600], ['paid', 7600], ['paid', 7600], ['paid', 7600]])
    expect((await sub(s.id)).items.data[0]!.current_period_start).toBe(Date.UTC(2026, 3, 10, 12) / 1000)
  })
})

describe('payment failures', () => {
  it('4000…0341 saves at checkout, fails at trial end: past_due, then retries 3, 5, 7 days later, then unpaid', async () => {
    const { subscription: s } = await subscribe(h, plans.soloMonthly.id, { trialDays: 14, card: '4000000000000341' })
    expect(s.status).toBe('trialing')
    const end = h.local.advance('14d')
    expect(types(end)).toEqual(['customer.subscription.trial_will_end', 'invoice.created', 'invoice.finalized', 'invoice.payment_failed', 'customer.subscription.updated'])
    expect((await sub(s.id)).status).toBe('past_due')
    const invoice = await h.stripe.invoices.retrieve(String((await sub(s.id)).latest_invoice))
    expect(invoice).toMatchObject({ status: 'open', attempted: true, attempt_count: 1, amount_remaining: 2900, next_payment_attempt: h.local.now() + 3 * DAY })
    expect(types(h.local.advance('3d'))).toEqual(['invoice.payment_failed'])
    expect(types(h.local.advance('5d'))).toEqual(['invoice.payment_failed'])
    const last = h.local.advance('7d')
    expect(types(last)).toEqual(['invoice.payment_failed', 'customer.subscription.updated'])
    expect((await sub(s.id)).status).toBe('unpaid')
    expect((await h.stripe.invoices.retrieve(invoice.id))).toMatchObject({ attempt_count: 4, next_payment_attempt: null, status: 'open' })
    expect(types(h.local.advance('40d'))).toEqual([])
  })

  it('cancels instead when retries are used up and the stand-in is set to cancel', async () => {
    await h.stop()
    h = await startHarness({ exhaustedRetries: 'canceled', retryDays: [1] })
    plans = await seedPlans(h.stripe)
    const { subscription: s } = await subscribe(h, plans.soloMonthly.id, { trialDays: 3, card: '4000000000000341' })
    const r = h.local.advance('5d')
    expect(types(r)).toContain('customer.subscription.deleted')
    expect(await sub(s.id)).toMatchObject({ status: 'canceled', cancellation_details: { reason: 'payment_failed' } })
  })

  it('a trial without a card creates an unpaid invoice at its end (create_invoice): past_due', async () => {
    const { subscription: s } = await subscribe(h, plans.soloMonthly.id, { trialDays: 14 })
    const r = h.local.advance('14d')
    expect(types(r)).toContain('invoice.payment_failed')
    expect((await sub(s.id)).status).toBe('past_due')
  })

  it('a card that needs authentication off-session asks for action: invoice.payment_action_required', async () => {
    const { subscription: s } = await subscribe(h, plans.soloMonthly.id, { card: '4000002760003184' })
    expect(s.status).toBe('active')
    const r = h.local.advance('32d')
    expect(types(r)).toContain('invoice.payment_action_required')
    const now = await sub(s.id)
    expect(now.status).toBe('past_due')
    const invoice = await h.stripe.invoices.retrieve(String(now.latest_invoice))
    expect(invoice).toMatchObject({ status: 'open', next_payment_attempt: null })
    // She pays it on the hosted invoice page, authenticating on-session.
    const page = await fetch(invoice.hosted_invoice_url!)
    expect(await page.text()).toContain('Pay this invoice')
    const pay = await fetch(`${invoice.hosted_invoice_url}/pay`, { method: 'POST', body: new URLSearchParams({ number: '4000002760003184', expiry: '12/34', cvc: '123' }), redirect: 'manual' })
    expect(pay.status).toBe(303)
    expect((await h.stripe.invoices.retrieve(invoice.id)).status).toBe('paid')
    expect((await sub(s.id)).status).toBe('active')
  })
})

describe('changes and cancellation through the API', () => {
  it('changes seats and price with customer.subscription.updated and previous_attributes', async () => {
    const { subscription: s } = await subscribe(h, plans.teamMonthly.id, { quantity: 2, card: '4242424242424242' })
    const item = s.items.data[0]!
    const u = await h.stripe.subscriptions.update(s.id, { items: [{ id: item.id, quantity: 5 }], proration_behavior: 'none' })
    expect(u.items.data[0]!.quantity).toBe(5)
    const event = (await h.stripe.events.list({ type: 'customer.subscription.updated', limit: 1 })).data[0]!
    expect(((event.data.previous_attributes as { items: Stripe.ApiList<Stripe.SubscriptionItem> }).items.data[0]!).quantity).toBe(2)
    expect((event.data.object as Stripe.Subscription).items.data[0]!.quantity).toBe(5)
    const yearly = await h.stripe.subscriptions.update(s.id, { items: [{ id: item.id, price: plans.teamYearly.id }] })
    expect(yearly.items.data[0]!.price.id).toBe(plans.teamYearly.id)
    await expect(h.stripe.subscriptions.update(s.id, { items: [{ id: 'si_nope', quantity: 1 }] })).rejects.toMatchObject({ statusCode: 404, param: 'items[0][id]' })
    await expect(h.stripe.subscriptions.update(s.id, { items: [{ id: item.id, deleted: true }] })).rejects.toMatchObject({ statusCode: 400 })
    // No proration: the next invoice, at the end of the month already paid for, bills the new plan.
    h.local.advance('32d')
    const renewed = await sub(s.id)
    const invoice = await h.stripe.invoices.retrieve(String(renewed.latest_invoice))
    expect(invoice.amount_paid).toBe(5 * 19000)
    expect(renewed.items.data[0]!.current_period_end - renewed.items.data[0]!.current_period_start).toBeGreaterThanOrEqual(365 * DAY)
  })

  it('cancels at period end: cancel_at set, then canceled with customer.subscription.deleted at the end', async () => {
    const { subscription: s } = await subscribe(h, plans.soloMonthly.id, { card: '4242424242424242' })
    const end = s.items.data[0]!.current_period_end
    const u = await h.stripe.subscriptions.update(s.id, { cancel_at_period_end: true })
    expect(u).toMatchObject({ cancel_at_period_end: true, cancel_at: end, canceled_at: h.local.now(), status: 'active' })
    const resumed = await h.stripe.subscriptions.update(s.id, { cancel_at_period_end: false })
    expect(resumed).toMatchObject({ cancel_at_period_end: false, cancel_at: null, canceled_at: null })
    await h.stripe.subscriptions.update(s.id, { cancel_at_period_end: true })
    const r = h.local.advance('40d')
    expect(types(r)).toEqual(['customer.subscription.deleted'])
    expect(r.events[0]!.created).toBe(end)
    expect(await sub(s.id)).toMatchObject({ status: 'canceled', ended_at: end })
    expect((await h.stripe.invoices.list({ subscription: s.id })).data).toHaveLength(1)
    expect((await h.stripe.subscriptions.list({ customer: String(s.customer) })).data).toEqual([])
    expect((await h.stripe.subscriptions.list({ customer: String(s.customer), status: 'all' })).data.map((x) => x.id)).toEqual([s.id])
    await expect(h.stripe.subscriptions.update(s.id, { cancel_at_period_end: false })).rejects.toMatchObject({ statusCode: 400 })
  })

  it('cancels at once, and deleting the customer cancels what is left', async () => {
    const a = await subscribe(h, plans.soloMonthly.id, { card: '4242424242424242', email: 'two@example.test' })
    const b = await subscribe(h, plans.teamMonthly.id, { card: '4242424242424242', customer: String(a.subscription.customer) })
    const canceled = await h.stripe.subscriptions.cancel(a.subscription.id, { cancellation_details: { comment: 'closing' } })
    expect(canceled).toMatchObject({ status: 'canceled', ended_at: h.local.now(), cancellation_details: { comment: 'closing', reason: 'cancellation_requested' } })
    await expect(h.stripe.subscriptions.cancel(a.subscription.id)).rejects.toMatchObject({ statusCode: 400 })
    await h.stripe.customers.del(String(a.subscription.customer))
    expect((await sub(b.subscription.id)).status).toBe('canceled')
    const recent = (await h.stripe.events.list({ limit: 2 })).data.map((e) => e.type)
    expect(recent).toEqual(['customer.deleted', 'customer.subscription.deleted'])
  })

  it('ends a trial now with trial_end=now', async () => {
    const { subscription: s } = await subscribe(h, plans.soloMonthly.id, { trialDays: 14, card: '4242424242424242' })
    const u = await h.stripe.subscriptions.update(s.id, { trial_end: 'now' })
    expect(u.status).toBe('active')
    expect(u.trial_end).toBe(h.local.now())
  })

  it('lists invoices and subscriptions for a customer with expand', async () => {
    const { subscription: s } = await subscribe(h, plans.soloMonthly.id, { card: '4242424242424242' })
    const list = await h.stripe.subscriptions.list({ customer: String(s.customer), expand: ['data.latest_invoice', 'data.default_payment_method'] })
    expect((list.data[0]!.latest_invoice as Stripe.Invoice).status).toBe('paid')
    expect((list.data[0]!.default_payment_method as Stripe.PaymentMethod).card?.last4).toBe('4242')
    expect((await h.stripe.invoices.list({ customer: String(s.customer), status: 'paid' })).data).toHaveLength(1)
    expect((await h.stripe.subscriptions.list({ price: plans.soloMonthly.id })).data.map((x) => x.id)).toContain(s.id)
  })
})
