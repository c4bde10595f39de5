import { afterEach, describe, expect, it, vi } from 'vitest'
import { useAppEnv } from '../../helpers/app-session.ts'
import { advanceStripeClock, completeCheckout, stripeClient, stripeWebhooksSettled } from '../../helpers/stripe.ts'

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('createStripeClient', () => {
  it('reaches the local Stripe stand-in through STRIPE_API_URL', async () => {
    useAppEnv()
    vi.resetModules()
    const { createStripeClient } = await import('@/lib/billing/stripe')
    const stripe = createStripeClient()
    const customer = await stripe.customers.create({ email: 'factory@example.test', metadata: { practice_id: 'p-factory' } })
    expect(customer.id).toMatch(/^cus_/)
    const seen = await stripeClient().customers.retrieve(customer.id)
    expect(seen).toMatchObject({ email: 'factory@example.test' })
  })

  it('refuses a stand-in URL in a deployed production build', async () => {
    useAppEnv()
    vi.resetModules()
    const { createStripeClient } = await import('@/lib/billing/stripe')
    const { serverEnv } = await import('@/lib/env')
    const env = { ...serverEnv(), NODE_ENV: 'production' as const, NEXT_PUBLIC_SITE_URL: 'https://app.doulaos.com' }
    expect(() => createStripeClient(env)).toThrow(/STRIPE_API_URL points the app at a local Stripe stand-in/)
    expect(createStripeClient({ ...env, STRIPE_API_URL: undefined })).toBeDefined()
  })
})

describe('the integration run’s Stripe stand-in helpers', () => {
  it('checkout, clock and webhook helpers drive it end to end', async () => {
    const stripe = stripeClient()
    const price = await stripe.prices.create({ product_data: { name: 'Helpers' }, currency: 'usd', unit_amount: 900, recurring: { interval: 'month' } })
    const session = await stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: price.id, quantity: 1 }], success_url: 'http://127.0.0.1:9/ok', customer_email: 'helpers@example.test' })
    expect(await completeCheckout(session.url!)).toBe('http://127.0.0.1:9/ok')
    const done = await stripe.checkout.sessions.retrieve(session.id)
    const advanced = await advanceStripeClock('32d')
    expect(advanced.events.map((e) => e.type)).toContain('invoice.paid')
    expect((await stripe.subscriptions.retrieve(String(done.subscription))).status).toBe('active')
    expect((await stripeWebhooksSettled()).settled).toBe(true)
  })
})
