import { randomUUID } from 'node:crypto'
import Stripe from 'stripe'
import { afterAll, expect, it } from 'vitest'

/**
 * The same requests, the same expectations, against the stand-in (contract.test.ts) and real
 * Stripe test mode (contract-live.test.ts, run only with an sk_test_ STRIPE_SECRET_KEY), so anyone
 * with a key can check the stand-in.
 */
export function contract(client: () => Stripe) {
  const run = randomUUID().slice(0, 8)
  const made: { prices: string[]; products: string[]; customers: string[] } = { prices: [], products: [], customers: [] }

  afterAll(async () => {
    const stripe = client()
    for (const id of made.prices) await stripe.prices.update(id, { active: false, lookup_key: '' }).catch(() => {})
    for (const id of made.products) await stripe.products.update(id, { active: false }).catch(() => {})
    for (const id of made.customers) await stripe.customers.del(id).catch(() => {})
  })

  it('products and prices: lookup keys, lookup_keys[] listing, expand, transfer', async () => {
    const stripe = client()
    const product = await stripe.products.create({ name: `Contract ${run}` })
    made.products.push(product.id)
    expect(product).toMatchObject({ object: 'product', active: true, livemode: false })
    const key = `contract_${run}`
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 2900, recurring: { interval: 'month' }, lookup_key: key })
    made.prices.push(price.id)
    expect(price).toMatchObject({ object: 'price', type: 'recurring', lookup_key: key, unit_amount: 2900, recurring: { interval: 'month', interval_count: 1 } })
    const listed = await stripe.prices.list({ lookup_keys: [key], expand: ['data.product'] })
    expect(listed.data.map((p) => p.id)).toEqual([price.id])
    expect((listed.data[0]!.product as Stripe.Product).id).toBe(product.id)
    await expect(stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 3900, recurring: { interval: 'month' }, lookup_key: key })).rejects.toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError' })
    const moved = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 3900, recurring: { interval: 'month' }, lookup_key: key, transfer_lookup_key: true })
    made.prices.push(moved.id)
    expect((await stripe.prices.retrieve(price.id)).lookup_key).toBeNull()
  })

  it('customers: create, update metadata, paginate, delete', async () => {
    const stripe = client()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const c = await stripe.customers.create({ email: `contract-${run}-${i}@example.com`, metadata: { run } })
      made.customers.push(c.id)
      ids.unshift(c.id)
    }
    const u = await stripe.customers.update(ids[0]!, { metadata: { run: '', extra: 'x' } })
    expect(u.metadata).toEqual({ extra: 'x' })
    const first = await stripe.customers.list({ limit: 2 })
    expect(first.has_more).toBe(true)
    expect(first.data.map((c) => c.id)).toEqual(ids.slice(0, 2))
    const next = await stripe.customers.list({ limit: 1, starting_after: ids[1] })
    expect(next.data[0]!.id).toBe(ids[2])
    expect(await stripe.customers.del(ids[2]!)).toEqual({ id: ids[2], object: 'customer', deleted: true })
    expect(await stripe.customers.retrieve(ids[2]!)).toMatchObject({ id: ids[2], deleted: true })
  })

  it('checkout sessions in subscription mode with a no-card trial', async () => {
    const stripe = client()
    const product = await stripe.products.create({ name: `Checkout ${run}` })
    made.products.push(product.id)
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1900, recurring: { interval: 'month' } })
    made.prices.push(price.id)
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: price.id, quantity: 3 }],
      success_url: 'https://example.com/billing?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://example.com/billing',
      client_reference_id: `practice-${run}`,
      metadata: { run },
      subscription_data: { trial_period_days: 14, metadata: { run } },
      payment_method_collection: 'if_required',
      customer_email: `checkout-${run}@example.com`,
    })
    expect(session.id).toMatch(/^cs_test_/)
    expect(session).toMatchObject({ object: 'checkout.session', mode: 'subscription', status: 'open', payment_status: 'unpaid', client_reference_id: `practice-${run}`, metadata: { run }, payment_method_collection: 'if_required', subscription: null })
    expect(session.url).toMatch(/^https?:\/\//)
    const items = await stripe.checkout.sessions.listLineItems(session.id)
    expect(items.data[0]).toMatchObject({ object: 'item', quantity: 3, price: { id: price.id } })
    const expired = await stripe.checkout.sessions.expire(session.id)
    expect(expired.status).toBe('expired')
  })

  it('idempotency keys: replay, and refusal with different parameters', async () => {
    const stripe = client()
    const key = `contract-${run}-${randomUUID()}`
    const a = await stripe.customers.create({ email: `idem-${run}@example.com` }, { idempotencyKey: key })
    made.customers.push(a.id)
    const b = await stripe.customers.create({ email: `idem-${run}@example.com` }, { idempotencyKey: key })
    expect(b.id).toBe(a.id)
    await expect(stripe.customers.create({ email: `other-${run}@example.com` }, { idempotencyKey: key })).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
  })

  it('errors: resource_missing with its param, unknown parameters, bad expand', async () => {
    const stripe = client()
    await expect(stripe.customers.retrieve('cus_doesnotexist')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id', type: 'StripeInvalidRequestError' })
    await expect(stripe.customers.create({ favourite_colour: 'x' } as Stripe.CustomerCreateParams)).rejects.toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'favourite_colour' })
    const c = await stripe.customers.create({ email: `expand-${run}@example.com` })
    made.customers.push(c.id)
    await expect(stripe.customers.retrieve(c.id, { expand: ['email'] })).rejects.toMatchObject({ statusCode: 400 })
  })
}
