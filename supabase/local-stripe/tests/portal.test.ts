import type Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seedPlans, startHarness, subscribe, type Harness } from './harness.ts'

let h: Harness
let plans: Awaited<ReturnType<typeof seedPlans>>
beforeEach(async () => {
  h = await startHarness()
  plans = await seedPlans(h.stripe)
})
afterEach(() => h.stop())

async function portalFor(customer: string) {
  const session = await h.stripe.billingPortal.sessions.create({ customer, return_url: 'http://127.0.0.1:9/dashboard/settings/billing' })
  return session
}
const post = (url: string, fields: Record<string, string>) => fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' })

describe('billing portal sessions', () => {
  it('creates a session with Stripe fields; refuses an unknown customer', async () => {
    const { subscription: s } = await subscribe(h, plans.soloMonthly.id, { card: '4242424242424242' })
    const session = await portalFor(String(s.customer))
    expect(session.id).toMatch(/^bps_/)
    expect(session).toMatchObject({ object: 'billing_portal.session', customer: s.customer, return_url: 'http://127.0.0.1:9/dashboard/settings/billing', livemode: false })
    expect(session.url).toBe(`${h.local.url}/p/session/${session.id}`)
    await expect(h.stripe.billingPortal.sessions.create({ customer: 'cus_nope' })).rejects.toMatchObject({ statusCode: 404, param: 'customer' })
  })
})

describe('the portal page', () => {
  it('shows plan, seats, status, next invoice, card and invoices, with a way back', async () => {
    const { subscription: s } = await subscribe(h, plans.teamMonthly.id, { quantity: 3, card: '4242424242424242' })
    const html = await (await fetch((await portalFor(String(s.customer))).url)).text()
    expect(html).toContain('data-test="portal-plan-name">Team</strong>')
    expect(html).toContain('data-test="portal-seats">3</span> seats')
    expect(html).toContain('data-test="portal-status">Active</span>')
    expect(html).toMatch(/Next invoice \$57\.00 on /)
    expect(html).toContain('Visa ending in 4242, expires 12/34')
    expect(html).toContain(`/i/${String(s.latest_invoice)}`)
    expect(html).toContain('href="http://127.0.0.1:9/dashboard/settings/billing"')
  })

  it('changes plan and seats', async () => {
    const { subscription: s } = await subscribe(h, plans.soloMonthly.id, { card: '4242424242424242' })
    const portal = await portalFor(String(s.customer))
    const res = await post(`${portal.url}/plan`, { price: plans.teamMonthly.id, quantity: '4' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/p/session/${portal.id}?done=plan`)
    const now = await h.stripe.subscriptions.retrieve(s.id)
    expect(now.items.data[0]).toMatchObject({ quantity: 4, price: { id: plans.teamMonthly.id } })
    const event = (await h.stripe.events.list({ type: 'customer.subscription.updated', limit: 1 })).data[0]!
    expect((event.data.previous_attributes as { items: { data: Stripe.SubscriptionItem[] } }).items.data[0]!.price.id).toBe(plans.soloMonthly.id)
    const bad = await post(`${portal.url}/plan`, { price: plans.teamMonthly.id, quantity: '0' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Enter a number of seats from 1 to 999.')
    const after = await (await fetch(`${portal.url}?done=plan`)).text()
    expect(after).toContain('Your plan was updated.')
  })

  it('cancels at the end of the period and resumes', async () => {
    const { subscription: s } = await subscribe(h, plans.soloMonthly.id, { card: '4242424242424242' })
    const portal = await portalFor(String(s.customer))
    expect((await post(`${portal.url}/cancel`, {})).status).toBe(303)
    const canceled = await h.stripe.subscriptions.retrieve(s.id)
    expect(canceled).toMatchObject({ cancel_at_period_end: true, cancel_at: s.items.data[0]!.current_period_end, status: 'active' })
    const page = await (await fetch(portal.url)).text()
    expect(page).toContain('Cancels on ')
    expect(page).toContain('Renew subscription')
    expect((await post(`${portal.url}/resume`, {})).status).toBe(303)
    expect(await h.stripe.subscriptions.retrieve(s.id)).toMatchObject({ cancel_at_period_end: false, cancel_at: null })
  })

  it('replaces the card, which pays an overdue invoice and brings the subscription back to active', async () => {
    const { subscription: s } = await subscribe(h, plans.soloMonthly.id, { trialDays: 14, card: '4000000000000341' })
    h.local.advance('14d')
    expect((await h.stripe.subscriptions.retrieve(s.id)).status).toBe('past_due')
    const portal = await portalFor(String(s.customer))
    expect(await (await fetch(portal.url)).text()).toContain('The last payment of $29.00 failed.')
    const declined = await post(`${portal.url}/card`, { number: '4000000000000002', expiry: '12/34', cvc: '123' })
    expect(declined.status).toBe(400)
    expect(await declined.text()).toContain('Your card was declined.')
    expect((await post(`${portal.url}/card`, { number: '5555 5555 5555 4444', expiry: '11/33', cvc: '321' })).status).toBe(303)
    const now = await h.stripe.subscriptions.retrieve(s.id, { expand: ['latest_invoice', 'default_payment_method'] })
    expect(now.status).toBe('active')
    expect((now.latest_invoice as Stripe.Invoice).status).toBe('paid')
    expect((now.default_payment_method as Stripe.PaymentMethod).card).toMatchObject({ brand: 'mastercard', last4: '4444' })
    const customer = (await h.stripe.customers.retrieve(String(s.customer))) as Stripe.Customer
    expect(customer.invoice_settings.default_payment_method).toBe((now.default_payment_method as Stripe.PaymentMethod).id)
    const recent = (await h.stripe.events.list({ limit: 6 })).data.map((e) => e.type)
    expect(recent).toContain('invoice.paid')
    expect(recent[0]).toBe('customer.subscription.updated')
  })

  it('answers 404 for an unknown portal session', async () => {
    expect((await fetch(`${h.local.url}/p/session/bps_unknown`)).status).toBe(404)
  })
})
