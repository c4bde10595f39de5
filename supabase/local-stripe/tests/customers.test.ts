import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './harness.ts'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.stop())

describe('customers', () => {
  it('creates, retrieves, updates and deletes, then answers with the deleted stub', async () => {
    const c = await h.stripe.customers.create({ email: 'maya@example.test', name: 'Maya', metadata: { practice_id: 'p1' } })
    expect(c.id).toMatch(/^cus_/)
    expect(c).toMatchObject({ object: 'customer', email: 'maya@example.test', name: 'Maya', metadata: { practice_id: 'p1' }, invoice_settings: { default_payment_method: null }, livemode: false })
    expect(c.created).toBe(h.local.now())
    const u = await h.stripe.customers.update(c.id, { name: 'Maya R.', metadata: { plan: 'solo' } })
    expect(u.metadata).toEqual({ practice_id: 'p1', plan: 'solo' })
    const updated = (await h.stripe.events.list({ type: 'customer.updated', limit: 1 })).data[0]!
    expect(updated.data.previous_attributes).toEqual({ name: 'Maya', metadata: { practice_id: 'p1' } })
    expect(await h.stripe.customers.del(c.id)).toEqual({ id: c.id, object: 'customer', deleted: true })
    expect(await h.stripe.customers.retrieve(c.id)).toEqual({ id: c.id, object: 'customer', deleted: true })
    await expect(h.stripe.customers.update(c.id, { name: 'x' })).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' })
  })

  it('filters the list by email', async () => {
    const c = await h.stripe.customers.create({ email: 'only-once@example.test' })
    expect((await h.stripe.customers.list({ email: 'only-once@example.test' })).data.map((x) => x.id)).toEqual([c.id])
  })
})

describe('pagination', () => {
  let ids: string[]
  beforeAll(async () => {
    const made: Stripe.Customer[] = []
    for (let i = 0; i < 7; i++) made.push(await h.stripe.customers.create({ email: `page-${i}@pages.test` }))
    // Newest first, as Stripe lists.
    ids = made.map((c) => c.id).reverse()
  })
  const page = (p: Stripe.CustomerListParams) => h.stripe.customers.list({ email: undefined, ...p }).then((r) => r)

  it('pages forward with starting_after and back with ending_before, has_more at each end', async () => {
    const all = (await h.stripe.customers.list({ limit: 100 })).data.filter((c) => c.email?.endsWith('@pages.test')).map((c) => c.id)
    expect(all).toEqual(ids)
    const first = await page({ limit: 3 })
    expect(first.object).toBe('list')
    expect(first.url).toBe('/v1/customers')
    expect(first.data.map((c) => c.id)).toEqual(ids.slice(0, 3))
    expect(first.has_more).toBe(true)
    const second = await page({ limit: 3, starting_after: ids[2] })
    expect(second.data.map((c) => c.id)).toEqual(ids.slice(3, 6))
    const back = await page({ limit: 2, ending_before: ids[3] })
    expect(back.data.map((c) => c.id)).toEqual(ids.slice(1, 3))
    expect(back.has_more).toBe(true)
    const start = await page({ limit: 5, ending_before: ids[1] })
    expect(start.data.map((c) => c.id)).toEqual([ids[0]])
    expect(start.has_more).toBe(false)
  })

  it('auto-pages through stripe-node', async () => {
    const seen = await h.stripe.customers.list({ limit: 2 }).autoPagingToArray({ limit: 1000 })
    expect(seen.filter((c) => c.email?.endsWith('@pages.test')).map((c) => c.id)).toEqual(ids)
  })

  it('refuses a limit outside 1–100, both cursors at once, and an unknown cursor', async () => {
    await expect(page({ limit: 101 })).rejects.toMatchObject({ statusCode: 400, param: 'limit' })
    await expect(page({ limit: 0 })).rejects.toMatchObject({ statusCode: 400, param: 'limit' })
    await expect(page({ starting_after: ids[0], ending_before: ids[1] })).rejects.toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError' })
    await expect(page({ starting_after: 'cus_gone' })).rejects.toMatchObject({ statusCode: 404, param: 'starting_after' })
  })
})
