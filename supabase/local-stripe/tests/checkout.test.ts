import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DAY, seedPlans, startHarness, subscribe, type Harness } from './harness.ts'

let h: Harness
let plans: Awaited<ReturnType<typeof seedPlans>>
beforeAll(async () => {
  h = await startHarness()
  plans = await seedPlans(h.stripe)
})
afterAll(() => h.stop())

const create = (extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) =>
  h.stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: plans.teamMonthly.id, quantity: 3 }],
    success_url: 'http://127.0.0.1:9/billing?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://127.0.0.1:9/billing?canceled=1',
    customer_email: 'owner@example.test',
    ...extra,
  })

const post = (url: string, fields: Record<string, string>) => fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' })

describe('checkout sessions', () => {
  it('creates an open session with a hosted URL and Stripe fields', async () => {
    const s = await create({ client_reference_id: 'practice-1', metadata: { practice_id: 'p1' } })
    expect(s.id).toMatch(/^cs_test_/)
    expect(s).toMatchObject({
      object: 'checkout.session', mode: 'subscription', status: 'open', payment_status: 'unpaid', client_reference_id: 'practice-1',
      metadata: { practice_id: 'p1' }, customer: null, customer_email: 'owner@example.test', subscription: null, amount_total: 5700, currency: 'usd',
      success_url: 'http://127.0.0.1:9/billing?session_id={CHECKOUT_SESSION_ID}', payment_method_collection: 'always', expires_at: h.local.now() + DAY,
    })
    expect(s.url).toBe(`${h.local.url}/c/pay/${s.id}`)
    expect(s.line_items).toBeUndefined()
    const withItems = await h.stripe.checkout.sessions.retrieve(s.id, { expand: ['line_items'] })
    expect(withItems.line_items?.data).toMatchObject([{ object: 'item', quantity: 3, amount_total: 5700, price: { id: plans.teamMonthly.id } }])
    expect((await h.stripe.checkout.sessions.listLineItems(s.id)).data[0]!.quantity).toBe(3)
  })

  it('refuses what Checkout refuses', async () => {
    await expect(create({ line_items: [] })).rejects.toMatchObject({ code: 'parameter_missing', param: 'line_items' })
    await expect(create({ line_items: [{ price: 'price_nope', quantity: 1 }] })).rejects.toMatchObject({ statusCode: 404, param: 'line_items[0][price]' })
    const oneTime = await h.stripe.prices.create({ product_data: { name: 'Once' }, currency: 'usd', unit_amount: 100 })
    await expect(create({ line_items: [{ price: oneTime.id, quantity: 1 }] })).rejects.toMatchObject({ statusCode: 400 })
    await expect(create({ mode: 'payment' })).rejects.toMatchObject({ statusCode: 400, param: 'mode' })
    await expect(create({ success_url: 'not a url' })).rejects.toMatchObject({ statusCode: 400, param: 'success_url' })
    await expect(create({ subscription_data: { trial_period_days: 0 } })).rejects.toMatchObject({ param: 'subscription_data[trial_period_days]' })
  })
})

describe('the hosted checkout page', () => {
  it('shows the plan, the seats and the total, with labelled card fields', async () => {
    const s = await create()
    const res = await fetch(s.url!)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('Subscribe to Team')
    expect(html).toContain('Team × 3')
    expect(html).toContain('$57.00')
    expect(html).toMatch(/<label for="number">Card number<\/label>/)
    expect(html).toContain('owner@example.test')
    expect(html).toContain('href="http://127.0.0.1:9/billing?canceled=1"')
  })

  it('completes with 4242: customer, card, active subscription, paid invoice, redirect with the session id', async () => {
    const s = await create({ client_reference_id: 'practice-2', subscription_data: { metadata: { practice_id: 'p2' } } })
    const res = await post(s.url!, { number: '4242 4242 4242 4242', expiry: '12 / 34', cvc: '123', cardholder: 'Maya' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`http://127.0.0.1:9/billing?session_id=${s.id}`)
    const done = await h.stripe.checkout.sessions.retrieve(s.id, { expand: ['subscription.latest_invoice', 'customer'] })
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', client_reference_id: 'practice-2', url: null })
    const sub = done.subscription as Stripe.Subscription
    const invoice = sub.latest_invoice as Stripe.Invoice
    expect(sub).toMatchObject({ status: 'active', metadata: { practice_id: 'p2' }, customer: (done.customer as Stripe.Customer).id, collection_method: 'charge_automatically' })
    expect(sub.id).toMatch(/^sub_/)
    expect(sub.items.data[0]).toMatchObject({ quantity: 3, price: { id: plans.teamMonthly.id, lookup_key: 'team_monthly' }, current_period_start: h.local.now() })
    expect(sub.items.data[0]!.id).toMatch(/^si_/)
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 5700, billing_reason: 'subscription_create', parent: { subscription_details: { subscription: sub.id } } })
    expect(invoice.id).toMatch(/^in_/)
    expect(invoice.hosted_invoice_url).toBe(`${h.local.url}/i/${invoice.id}`)
    expect((done.customer as Stripe.Customer).email).toBe('owner@example.test')
    const pm = await h.stripe.paymentMethods.retrieve(String(sub.default_payment_method))
    expect(pm.card).toMatchObject({ brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 })
    const types = (await h.stripe.events.list({ limit: 8 })).data.map((e) => e.type).reverse()
    expect(types).toEqual(['customer.created', 'payment_method.attached', 'customer.subscription.created', 'invoice.created', 'invoice.finalized', 'invoice.paid', 'invoice.payment_succeeded', 'checkout.session.completed'])
    const again = await fetch(s.url!)
    expect(await again.text()).toContain('This checkout is complete')
  })

  it('shows a declined card on the page and creates nothing', async () => {
    const s = await create({ customer_email: 'declined@example.test' })
    for (const number of ['4000 0000 0000 0002', '4000 0000 0000 0341']) {
      const res = await post(s.url!, { number, expiry: '12/34', cvc: '123' })
      expect(res.status).toBe(400)
      const html = await res.text()
      expect(html).toContain('Your card was declined.')
      expect(html).toContain('aria-invalid="true"')
    }
    expect((await h.stripe.customers.list({ email: 'declined@example.test' })).data).toEqual([])
    expect((await h.stripe.checkout.sessions.retrieve(s.id)).status).toBe('open')
  })

  it('says what is wrong with a mistyped card or email', async () => {
    const s = await create({ customer_email: undefined })
    const cases: [Record<string, string>, string][] = [
      [{ email: 'nope', number: '4242424242424242', expiry: '12/34', cvc: '123' }, 'Your email address is invalid.'],
      [{ email: 'a@b.test', number: '4242424242424241', expiry: '12/34', cvc: '123' }, 'Your card number is incorrect.'],
      [{ email: 'a@b.test', number: '4242424242424242', expiry: '01/20', cvc: '123' }, "Your card's expiration date is in the past."],
      [{ email: 'a@b.test', number: '4242424242424242', expiry: '12/34', cvc: '' }, "Your card's security code is incomplete."],
      [{ email: 'a@b.test', number: '', expiry: '', cvc: '' }, 'Your card number is incorrect.'],
    ]
    for (const [fields, message] of cases) {
      const res = await post(s.url!, fields)
      expect(res.status).toBe(400)
      expect(await res.text()).toContain(message.replaceAll("'", '&#39;'))
    }
  })

  it('starts a 14-day trial without a card when payment_method_collection is if_required', async () => {
    const s = await create({ line_items: [{ price: plans.soloMonthly.id, quantity: 1 }], subscription_data: { trial_period_days: 14 }, payment_method_collection: 'if_required' })
    const page = await (await fetch(s.url!)).text()
    expect(page).toContain('14 days free')
    expect(page).toContain('optional during the trial')
    expect(page).toContain('Start trial')
    const res = await post(s.url!, { number: '', expiry: '', cvc: '' })
    expect(res.status).toBe(303)
    const done = await h.stripe.checkout.sessions.retrieve(s.id, { expand: ['subscription'] })
    const sub = done.subscription as Stripe.Subscription
    expect(done.payment_status).toBe('no_payment_required')
    expect(sub).toMatchObject({ status: 'trialing', trial_start: h.local.now(), trial_end: h.local.now() + 14 * DAY, default_payment_method: null, trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } } })
    expect(sub.items.data[0]!.current_period_end).toBe(h.local.now() + 14 * DAY)
    const invoice = await h.stripe.invoices.retrieve(String(sub.latest_invoice))
    expect(invoice).toMatchObject({ amount_due: 0, status: 'paid' })
  })

  it('uses an existing customer and lets her complete through the API helper', async () => {
    const customer = await h.stripe.customers.create({ email: 'existing@example.test' })
    const { subscription } = await subscribe(h, plans.soloYearly.id, { customer: customer.id, card: '4242424242424242' })
    expect(subscription.customer).toBe(customer.id)
    expect(subscription.items.data[0]!.current_period_end - subscription.items.data[0]!.current_period_start).toBeGreaterThanOrEqual(365 * DAY)
  })

  it('expires an open session after 24 hours of the stand-in clock', async () => {
    const s = await create()
    h.local.advance('25h')
    const expired = await h.stripe.checkout.sessions.retrieve(s.id)
    expect(expired).toMatchObject({ status: 'expired', url: null })
    const res = await fetch(`${h.local.url}/c/pay/${s.id}`)
    expect(res.status).toBe(410)
    expect(await res.text()).toContain('This checkout session has expired')
    await expect(h.local.completeCheckout(s.id, { card: '4242424242424242' })).rejects.toThrow(/HTTP 410/)
    expect((await h.stripe.events.list({ type: 'checkout.session.expired', limit: 1 })).data[0]!.data.object).toMatchObject({ id: s.id, status: 'expired' })
  })
})
