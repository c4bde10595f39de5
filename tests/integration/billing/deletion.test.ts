import { render } from '@react-email/render'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type * as CheckoutService from '../../../lib/billing/checkout.service.ts'
import type * as EndBillingService from '../../../lib/billing/end-billing.service.ts'
import type { OutgoingEmail } from '../../../lib/email/send.ts'
import type * as EraseService from '../../../lib/privacy/deletion/erase.service.ts'
import { adminDb, signIn, TEST_META, useAppEnv } from '../../helpers/app-session.ts'
import { superuser } from '../../helpers/stack.ts'
import { stripeClient } from '../../helpers/stripe.ts'
import { billingPractice, payCheckout, SITE } from './fixtures.ts'

const sql = superuser()
afterAll(() => sql.end())

let billing: typeof CheckoutService
let erasure: typeof EraseService
let endBilling: typeof EndBillingService

beforeAll(async () => {
  useAppEnv({ NEXT_PUBLIC_SITE_URL: SITE })
  vi.resetModules()
  billing = await import('@/lib/billing/checkout.service')
  erasure = await import('@/lib/privacy/deletion/erase.service')
  endBilling = await import('@/lib/billing/end-billing.service')
  const { ensureCatalog } = await import('@/lib/billing/catalog')
  await ensureCatalog(stripeClient())
})

async function subscribedPractice(name: string) {
  const p = await billingPractice(sql, name)
  const { url } = await billing.startCheckout({ admin: adminDb(), stripe: stripeClient(), siteUrl: SITE }, p.actor, { plan: 'team', interval: 'year', seats: 3 })
  const subscriptionId = await payCheckout(url)
  const customerId = String((await stripeClient().subscriptions.retrieve(subscriptionId)).customer)
  return { ...p, subscriptionId, customerId }
}

describe('account deletion ends billing first', () => {
  it('cancels the subscription at once, deletes the Stripe customer, and the receipt says so', async () => {
    const p = await subscribedPractice('Deleting Practice')
    const sent: OutgoingEmail[] = []
    const session = await signIn(p.owner)
    const result = await erasure.eraseAccount(session.client, { admin: adminDb(), sendEmail: async (e) => sent.push(e) }, {
      practiceId: p.practice.id,
      typedName: 'Deleting Practice',
      meta: TEST_META,
    })
    expect(result.billing).toBe('cancelled')
    const subscription = await stripeClient().subscriptions.retrieve(p.subscriptionId)
    expect(subscription.status).toBe('canceled')
    expect(await stripeClient().customers.retrieve(p.customerId)).toMatchObject({ id: p.customerId, deleted: true })
    // No invoice was drawn up by the cancellation.
    const invoices = await stripeClient().invoices.list({ customer: p.customerId })
    expect(invoices.data.map((i) => i.billing_reason)).toEqual(['subscription_create'])
    const receipt = sent.find((e) => e.to === p.owner.email)!
    expect(await render(receipt.react, { plainText: true })).toMatch(/subscription cancelled at once \(no further invoices\); your Stripe customer record and saved cards deleted/)
    const [left] = await sql`select 1 from public.billing_customers where practice_id = ${p.practice.id}`
    expect(left).toBeUndefined()
  })

  it('is idempotent: a second run finds nothing to cancel and a customer Stripe no longer has', async () => {
    const p = await subscribedPractice('Twice Practice')
    expect(await endBilling.endPracticeBilling(adminDb(), p.practice.id, stripeClient())).toBe('cancelled')
    expect(await endBilling.endPracticeBilling(adminDb(), p.practice.id, stripeClient())).toBe('cancelled')
    expect((await stripeClient().subscriptions.retrieve(p.subscriptionId)).status).toBe('canceled')
  })

  it('a practice that never subscribed has no billing to end', async () => {
    const p = await billingPractice(sql, 'Free Practice')
    expect(await endBilling.endPracticeBilling(adminDb(), p.practice.id, stripeClient())).toBe('no billing')
  })
})
