import { randomUUID } from 'node:crypto'
import type Stripe from 'stripe'
import { afterAll, expect, it } from 'vitest'
import { ensureCatalog, findPrice } from '../../../lib/billing/catalog.ts'
import { lookupKeyFor } from '../../../lib/billing/plans.ts'
import {
  CANCEL_AT_ONCE,
  checkoutSessionParams,
  customerCreateRequest,
  customerSubscriptionsParams,
  portalSessionParams,
  recentInvoicesParams,
} from '../../../lib/billing/stripe-requests.ts'

const SITE = 'https://app.doulaos.example'

/**
 * Every request DoulaOS itself sends to Stripe (lib/billing and scripts/stripe-setup.ts), with the
 * parameters the app builds (lib/billing/stripe-requests.ts, and the catalog code run as is), and
 * the answers the app relies on. Run against the stand-in always and real Stripe test mode with an
 * sk_test_ key (contract.test.ts, contract-live.test.ts). Against real Stripe the account must have
 * its customer portal saved once (README, Going to production), as the app needs too; the catalog
 * run brings the account's doulaos_* products and prices up to date, exactly as npm run
 * stripe:setup does.
 */
export function appCallsContract(client: () => Stripe) {
  const practiceId = randomUUID()
  const practice = { practiceId, practiceName: `Contract Practice ${practiceId.slice(0, 8)}`, email: `owner-${practiceId.slice(0, 8)}@example.com` }
  let customerId = ''
  const sessions: string[] = []

  afterAll(async () => {
    const stripe = client()
    for (const id of sessions) await stripe.checkout.sessions.expire(id).catch(() => {})
    if (customerId) await stripe.customers.del(customerId).catch(() => {})
  })

  it('stripe:setup and the price lookup: products.retrieve/create, prices.list by lookup_key, prices.create', async () => {
    const stripe = client()
    const first = await ensureCatalog(stripe)
    const again = await ensureCatalog(stripe)
    // A second run finds every price it made or found the first time (idempotent).
    expect(again.map((e) => [e.lookupKey, e.priceId, e.created])).toEqual(first.map((e) => [e.lookupKey, e.priceId, false]))
    const price = await findPrice(stripe, 'team', 'year')
    expect(price).toMatchObject({ object: 'price', active: true, lookup_key: lookupKeyFor('team', 'year'), recurring: { interval: 'year' }, metadata: { plan: 'team' } })
    expect(first.find((e) => e.lookupKey === lookupKeyFor('team', 'year'))?.priceId).toBe(price!.id)
    await expect(stripe.products.retrieve('doulaos_no_such_plan')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' })
  })

  it('customers.create once per practice, whatever the races (idempotency key)', async () => {
    const stripe = client()
    const [a, b] = await Promise.all([stripe.customers.create(...customerCreateRequest(practice)), stripe.customers.create(...customerCreateRequest(practice))])
    customerId = a.id
    expect(b.id).toBe(a.id)
    expect(a).toMatchObject({ object: 'customer', name: practice.practiceName, email: practice.email, metadata: { practice_id: practiceId } })
  })

  it('checkout.sessions.create (first with a no-card trial, later with a card) and retrieve', async () => {
    const stripe = client()
    const price = await findPrice(stripe, 'team', 'month')
    for (const trial of [true, false]) {
      const params = checkoutSessionParams({ customer: customerId, priceId: price!.id, seats: 3, practiceId, trial, siteUrl: SITE })
      const session = await stripe.checkout.sessions.create(params)
      sessions.push(session.id)
      expect(session).toMatchObject({
        object: 'checkout.session',
        mode: 'subscription',
        status: 'open',
        customer: customerId,
        client_reference_id: practiceId,
        metadata: { practice_id: practiceId },
        payment_method_collection: trial ? 'if_required' : 'always',
        subscription: null,
        success_url: `${SITE}/dashboard/settings/billing/return?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${SITE}/dashboard/settings/billing`,
      })
      expect(session.url).toMatch(/^https?:\/\//)
      // What the return page reads back: the session's customer and (until paid) no subscription.
      expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ id: session.id, customer: customerId, subscription: null })
    }
    await expect(stripe.checkout.sessions.retrieve('cs_test_doesnotexist')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' })
  })

  it('billingPortal.sessions.create back to the billing page', async () => {
    const session = await client().billingPortal.sessions.create(portalSessionParams(customerId, SITE))
    expect(session).toMatchObject({ object: 'billing_portal.session', customer: customerId, return_url: `${SITE}/dashboard/settings/billing` })
    expect(session.url).toMatch(/^https?:\/\//)
  })

  it('invoices.list and subscriptions.list for the billing page and the deletion', async () => {
    const stripe = client()
    const invoices = await stripe.invoices.list(recentInvoicesParams(customerId, 6))
    expect(invoices).toMatchObject({ object: 'list', data: [], has_more: false })
    const subscriptions = await stripe.subscriptions.list(customerSubscriptionsParams(customerId)).autoPagingToArray({ limit: 1000 })
    expect(subscriptions).toEqual([])
  })

  it('subscriptions.retrieve and cancel answer resource_missing for a subscription Stripe does not have', async () => {
    const stripe = client()
    // The webhook treats this answer as "gone", and the deletion as "already ended".
    await expect(stripe.subscriptions.retrieve('sub_doesnotexist')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' })
    await expect(stripe.subscriptions.cancel('sub_doesnotexist', CANCEL_AT_ONCE)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' })
  })

  it('customers.del deletes, and a second deletion answers resource_missing (the erasure is idempotent on it)', async () => {
    const stripe = client()
    expect(await stripe.customers.del(customerId)).toEqual({ id: customerId, object: 'customer', deleted: true })
    await expect(stripe.customers.del(customerId)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' })
    customerId = ''
  })
}
