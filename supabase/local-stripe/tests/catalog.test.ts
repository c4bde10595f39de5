import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './harness.ts'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.stop())

describe('products', () => {
  it('creates, retrieves, updates, lists and deletes', async () => {
    const p = await h.stripe.products.create({ name: 'Solo', description: 'One doula', metadata: { plan: 'solo' } })
    expect(p.id).toMatch(/^prod_/)
    expect(p).toMatchObject({ object: 'product', active: true, name: 'Solo', description: 'One doula', metadata: { plan: 'solo' }, livemode: false })
    const updated = await h.stripe.products.update(p.id, { name: 'Solo plan', metadata: { plan: '', tier: '1' } })
    expect(updated.name).toBe('Solo plan')
    expect(updated.metadata).toEqual({ tier: '1' })
    expect((await h.stripe.products.retrieve(p.id)).name).toBe('Solo plan')
    await h.stripe.products.update(p.id, { active: false })
    const active = await h.stripe.products.list({ active: true, limit: 100 })
    expect(active.data.map((x) => x.id)).not.toContain(p.id)
    expect(await h.stripe.products.del(p.id)).toEqual({ id: p.id, object: 'product', deleted: true })
    await expect(h.stripe.products.retrieve(p.id)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing', message: expect.stringContaining(`No such product: '${p.id}'`) })
  })

  it('refuses to delete a product that has prices', async () => {
    const p = await h.stripe.products.create({ name: 'Kept' })
    await h.stripe.prices.create({ product: p.id, currency: 'usd', unit_amount: 100 })
    await expect(h.stripe.products.del(p.id)).rejects.toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 })
  })
})

describe('prices', () => {
  it('creates a recurring price with a lookup key and finds it by lookup_keys[]', async () => {
    const product = await h.stripe.products.create({ name: 'Team' })
    const price = await h.stripe.prices.create({ product: product.id, currency: 'USD', unit_amount: 1900, recurring: { interval: 'month' }, lookup_key: 'team_m', nickname: 'Team monthly' })
    expect(price.id).toMatch(/^price_/)
    expect(price).toMatchObject({ object: 'price', currency: 'usd', unit_amount: 1900, type: 'recurring', lookup_key: 'team_m', recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' } })
    expect(String(price.unit_amount_decimal)).toBe('1900')
    const other = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 19000, recurring: { interval: 'year' }, lookup_key: 'team_y' })
    const found = await h.stripe.prices.list({ lookup_keys: ['team_m', 'team_y'], expand: ['data.product'] })
    expect(found.data.map((p) => p.id).sort()).toEqual([price.id, other.id].sort())
    expect((found.data[0]!.product as Stripe.Product).name).toBe('Team')
    expect((await h.stripe.prices.list({ lookup_keys: ['team_y'] })).data.map((p) => p.id)).toEqual([other.id])
    expect((await h.stripe.prices.list({ product: product.id, recurring: { interval: 'year' } })).data.map((p) => p.id)).toEqual([other.id])
  })

  it('keeps a lookup key on one price: a second claim is refused, transfer_lookup_key moves it', async () => {
    const product = await h.stripe.products.create({ name: 'Solo' })
    const first = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 2900, recurring: { interval: 'month' }, lookup_key: 'solo_m' })
    const err = (await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 3900, recurring: { interval: 'month' }, lookup_key: 'solo_m' }).catch((e: unknown) => e)) as Stripe.errors.StripeError
    expect(err).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400, param: 'lookup_key' })
    expect(err.message).toContain(`A price (\`${first.id}\`) already uses that lookup key.`)
    const second = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 3900, recurring: { interval: 'month' }, lookup_key: 'solo_m', transfer_lookup_key: true })
    expect((await h.stripe.prices.retrieve(first.id)).lookup_key).toBeNull()
    expect((await h.stripe.prices.list({ lookup_keys: ['solo_m'] })).data.map((p) => p.id)).toEqual([second.id])
    const events = await h.stripe.events.list({ type: 'price.updated', limit: 1 })
    expect(events.data[0]!.data.previous_attributes).toEqual({ lookup_key: 'solo_m' })
  })

  it('creates a price with product_data and archives it with active=false', async () => {
    const price = await h.stripe.prices.create({ product_data: { name: 'Inline' }, currency: 'usd', unit_amount: 500, recurring: { interval: 'month', interval_count: 3 } })
    expect(((await h.stripe.products.retrieve(String(price.product))) as Stripe.Product).name).toBe('Inline')
    expect(price.recurring?.interval_count).toBe(3)
    expect((await h.stripe.prices.update(price.id, { active: false })).active).toBe(false)
    expect((await h.stripe.prices.list({ active: true, limit: 100 })).data.map((p) => p.id)).not.toContain(price.id)
  })

  it('answers bad input with Stripe errors naming the parameter', async () => {
    await expect(h.stripe.prices.create({ currency: 'usd', unit_amount: 1 } as Stripe.PriceCreateParams)).rejects.toMatchObject({ code: 'parameter_missing', param: 'product', statusCode: 400 })
    await expect(h.stripe.prices.create({ product: 'prod_missing', currency: 'usd', unit_amount: 1 })).rejects.toMatchObject({ code: 'resource_missing', param: 'product', statusCode: 404 })
    await expect(h.stripe.products.create({ name: 'x', colour: 'blue' } as Stripe.ProductCreateParams)).rejects.toMatchObject({ code: 'parameter_unknown', param: 'colour', message: expect.stringContaining('Received unknown parameter: colour') })
    const product = await h.stripe.products.create({ name: 'y' })
    await expect(h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1, recurring: { interval: 'fortnight' as 'week' } })).rejects.toMatchObject({ param: 'recurring[interval]', statusCode: 400 })
  })
})
