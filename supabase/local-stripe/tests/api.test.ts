import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './harness.ts'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.stop())

const raw = (path: string, init: RequestInit & { key?: string | null } = {}) =>
  fetch(`${h.local.url}${path}`, {
    ...init,
    headers: {
      ...(init.key === null ? {} : { Authorization: `Bearer ${init.key ?? h.local.secretKey}` }),
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(init.headers as Record<string, string>),
    },
  })

describe('idempotency keys', () => {
  it('replays the first response for the same key and parameters, creating nothing twice', async () => {
    const before = (await h.stripe.customers.list({ limit: 100 })).data.length
    const a = await h.stripe.customers.create({ email: 'once@example.test' }, { idempotencyKey: 'create-once' })
    const b = await h.stripe.customers.create({ email: 'once@example.test' }, { idempotencyKey: 'create-once' })
    expect(b).toEqual(a)
    expect((await h.stripe.customers.list({ limit: 100 })).data.length).toBe(before + 1)
    const replay = await raw('/v1/customers', { method: 'POST', body: 'email=once%40example.test', headers: { 'Idempotency-Key': 'create-once' } })
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(((await replay.json()) as { id: string }).id).toBe(a.id)
  })

  it('refuses the same key with different parameters (idempotency_error)', async () => {
    await h.stripe.customers.create({ email: 'first@example.test' }, { idempotencyKey: 'reused' })
    const err = (await h.stripe.customers.create({ email: 'second@example.test' }, { idempotencyKey: 'reused' }).catch((e: unknown) => e)) as Stripe.errors.StripeError
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
    expect(err).toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError' })
    expect(err.message).toContain('Keys for idempotent requests can only be used with the same parameters they were first used with.')
    const other = await h.stripe.products.create({ name: 'p' }, { idempotencyKey: 'reused' }).catch((e: unknown) => e)
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
  })

  it('does not keep a request refused by validation, so the key can be used again', async () => {
    await expect(h.stripe.prices.create({ currency: 'usd' } as Stripe.PriceCreateParams, { idempotencyKey: 'fix-and-retry' })).rejects.toMatchObject({ statusCode: 400 })
    const product = await h.stripe.products.create({ name: 'z' })
    const price = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 10 }, { idempotencyKey: 'fix-and-retry' })
    expect(price.id).toMatch(/^price_/)
  })
})

describe('errors and authentication', () => {
  it('answers 401 without a key or with a wrong one', async () => {
    const none = await raw('/v1/customers', { key: null })
    expect(none.status).toBe(401)
    expect(((await none.json()) as { error: { type: string; message: string } }).error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining('You did not provide an API key') })
    const wrong = new Stripe('sk_test_wrong_key_123456', { ...h.local.clientOptions, maxNetworkRetries: 0 })
    await expect(wrong.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError)
  })

  it('uses the error envelope with type, code, param, message, doc_url', async () => {
    const res = await raw('/v1/customers/cus_missing')
    expect(res.status).toBe(404)
    expect(res.headers.get('request-id')).toMatch(/^req_/)
    expect(await res.json()).toEqual({
      error: { code: 'resource_missing', doc_url: 'https://stripe.com/docs/error-codes/resource-missing', message: "No such customer: 'cus_missing'", param: 'id', type: 'invalid_request_error' },
    })
    const unknown = await raw('/v1/charges')
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain('Unrecognized request URL (GET: /v1/charges)')
  })

  it('reads stripe-node form encoding: nested objects, indexed arrays and metadata', async () => {
    const res = await raw('/v1/customers', { method: 'POST', body: 'email=a%40b.test&metadata[k]=v&expand[]=invoice_settings.default_payment_method' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ email: 'a@b.test', metadata: { k: 'v' }, invoice_settings: { default_payment_method: null } })
  })

  it('refuses to expand what is not an id or an object', async () => {
    const c = await h.stripe.customers.create({ email: 'e@x.test' })
    await expect(h.stripe.customers.retrieve(c.id, { expand: ['email'] })).rejects.toMatchObject({ statusCode: 400, param: 'expand', message: expect.stringContaining('This property cannot be expanded (email).') })
    await expect(h.stripe.customers.retrieve(c.id, { expand: ['a.b.c.d.e'] })).rejects.toMatchObject({ statusCode: 400, param: 'expand' })
  })
})

describe('events', () => {
  it('lists newest first, filters by type, types[] and wildcard, and retrieves one', async () => {
    const c = await h.stripe.customers.create({ email: 'events@example.test' })
    await h.stripe.customers.update(c.id, { name: 'E' })
    const latest = await h.stripe.events.list({ limit: 2 })
    expect(latest.data.map((e) => e.type)).toEqual(['customer.updated', 'customer.created'])
    expect(latest.data[0]!.id).toMatch(/^evt_/)
    expect(latest.data[0]).toMatchObject({ object: 'event', livemode: false, api_version: Stripe.API_VERSION, created: h.local.now() })
    expect(latest.data[0]!.request).toMatchObject({ id: expect.stringMatching(/^req_/) })
    expect((await h.stripe.events.list({ types: ['customer.created'], limit: 100 })).data.every((e) => e.type === 'customer.created')).toBe(true)
    expect((await h.stripe.events.list({ type: 'customer.*', limit: 100 })).data.every((e) => e.type.startsWith('customer.'))).toBe(true)
    const one = await h.stripe.events.retrieve(latest.data[0]!.id)
    expect((one.data.object as Stripe.Customer).name).toBe('E')
  })
})
