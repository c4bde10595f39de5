import { render } from '@react-email/render'
import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type * as CheckoutService from '../../../lib/billing/checkout.service.ts'
import type * as LapsedErasure from '../../../lib/billing/lapsed-erasure.service.ts'
import type { OutgoingEmail } from '../../../lib/email/send.ts'
import { adminDb, useAppEnv } from '../../helpers/app-session.ts'
import { superuser } from '../../helpers/stack.ts'
import { advanceStripeClock, stripeClient, stripeWebhooksSettled } from '../../helpers/stripe.ts'
import { billingPractice, deliver, eventsFor, payCheckout, SITE } from './fixtures.ts'

type RoutePost = (request: Request) => Promise<Response>

const sql = superuser()
const DAY = 86_400_000
let POST: RoutePost
let checkout: typeof CheckoutService
let lapsed: typeof LapsedErasure

beforeAll(async () => {
  useAppEnv({ NEXT_PUBLIC_SITE_URL: SITE })
  vi.resetModules()
  ;({ POST } = await import('@/app/api/stripe/webhook/route'))
  checkout = await import('@/lib/billing/checkout.service')
  lapsed = await import('@/lib/billing/lapsed-erasure.service')
  const { ensureCatalog } = await import('@/lib/billing/catalog')
  await ensureCatalog(stripeClient())
})

afterAll(async () => {
  await stripeWebhooksSettled()
  await sql.end()
})

/** Delivers, in Stripe's order, every event about the customer the app has not seen (a duplicate is a no-op). */
async function deliverAll(customerId: string, subscriptionIds: string[]) {
  for (const event of await eventsFor(customerId, subscriptionIds)) {
    expect((await deliver(POST, event as Stripe.Event)).status).toBe(200)
  }
}

async function subscribe(actor: Awaited<ReturnType<typeof billingPractice>>['actor']) {
  const { url } = await checkout.startCheckout({ admin: adminDb(), stripe: stripeClient(), siteUrl: SITE }, actor, { plan: 'solo', interval: 'month' })
  return payCheckout(url)
}

/** A subscribed practice whose subscription was then cancelled at once; `endedAt` is Stripe's end. */
async function cancelledPractice(name: string) {
  const p = await billingPractice(sql, name)
  const subscriptionId = await subscribe(p.actor)
  const customerId = String((await stripeClient().subscriptions.retrieve(subscriptionId)).customer)
  const cancelled = await stripeClient().subscriptions.cancel(subscriptionId)
  await deliverAll(customerId, [subscriptionId])
  return { ...p, subscriptionId, customerId, endedAt: new Date(cancelled.ended_at! * 1000) }
}

async function outbox(practiceId: string) {
  return sql<{ template: string; recipient: string; payload: { date?: string; eraseOn?: string } }[]>`
    select template, recipient, payload from public.notifications
    where practice_id = ${practiceId} and template in ('billing-cancelled', 'billing-erasure-soon') order by created_at, idempotency_key`
}

async function trail(practiceId: string) {
  const rows = await sql<{ action: string }[]>`
    select action from public.audit_log where practice_id = ${practiceId} and action like 'billing.erasure%' order by id`
  return rows.map((r) => r.action)
}

const practiceExists = async (id: string) => (await sql`select 1 from public.practices where id = ${id}`).length === 1

/** The cron as it runs at `at`, with the emails it sends (receipts) collected. */
async function cronAt(at: Date, sent: OutgoingEmail[] = []) {
  return lapsed.applyLapsedErasures({ admin: adminDb(), sendEmail: async (email) => sent.push(email), now: () => at })
}

describe('a subscription that ends keeps the practice 30 days', () => {
  it('tells the owner the day her data goes, reminds her 7 days and 1 day before, once each, then erases it with a receipt', async () => {
    const p = await cancelledPractice('Lapsing Practice')
    const eraseOn = new Date(p.endedAt.getTime() + 30 * DAY)
    const [row] = await sql<{ status: string; erase_after: Date }[]>`
      select status, erase_after from public.billing_subscriptions where practice_id = ${p.practice.id}`
    expect(row).toEqual({ status: 'canceled', erase_after: eraseOn })

    // The notice: branded, to the owner, with the end and the erasure date.
    expect(await outbox(p.practice.id)).toEqual([
      { template: 'billing-cancelled', recipient: p.owner.email, payload: expect.objectContaining({ eraseOn: expect.any(String) }) },
    ])
    const [notice] = await outbox(p.practice.id)
    expect(new Date(notice!.payload.eraseOn!)).toEqual(eraseOn)
    expect(new Date(notice!.payload.date!)).toEqual(p.endedAt)
    const { renderNotification } = await import('@/lib/notifications/templates')
    const email = renderNotification({ ...notice!, id: '00000000-0000-4000-8000-000000000000', idempotency_key: 'k' } as never, SITE)
    const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(eraseOn)
    expect(await render(email.react, { plainText: true })).toContain(`permanently deleted on ${day}`)
    expect(await trail(p.practice.id)).toEqual(['billing.erasure_scheduled'])

    // Day 22: nothing due yet. Day 23: the 7-day reminder, once however often the cron runs.
    const clock = await advanceStripeClock('23d')
    expect(clock.to * 1000 - p.endedAt.getTime()).toBeGreaterThanOrEqual(23 * DAY)
    await cronAt(new Date(p.endedAt.getTime() + 22 * DAY))
    expect(await outbox(p.practice.id)).toHaveLength(1)
    expect((await cronAt(new Date(p.endedAt.getTime() + 23 * DAY))).reminders).toBe(1)
    expect((await cronAt(new Date(p.endedAt.getTime() + 23 * DAY + 3_600_000))).reminders).toBe(0)
    const reminders = async () => (await outbox(p.practice.id)).filter((n) => n.template === 'billing-erasure-soon')
    expect(await reminders()).toEqual([{ template: 'billing-erasure-soon', recipient: p.owner.email, payload: expect.objectContaining({ date: expect.any(String) }) }])
    expect(new Date((await reminders())[0]!.payload.date!)).toEqual(eraseOn)

    // Day 29: the 1-day reminder, once.
    expect((await cronAt(new Date(p.endedAt.getTime() + 29 * DAY))).reminders).toBe(1)
    expect((await cronAt(new Date(p.endedAt.getTime() + 29 * DAY))).reminders).toBe(0)
    expect(await reminders()).toHaveLength(2)
    expect(await trail(p.practice.id)).toEqual(['billing.erasure_scheduled', 'billing.erasure_reminder_7d', 'billing.erasure_reminder_1d'])
    expect(await practiceExists(p.practice.id)).toBe(true)

    // Day 30: the erasure runs, once, and the receipt goes to the owner.
    const sent: OutgoingEmail[] = []
    // Two runs at once: one drives the erasure, the other leaves it alone; a later run finds nothing.
    const both = await Promise.all([cronAt(eraseOn, sent), cronAt(new Date(eraseOn.getTime() + 60_000), sent)])
    expect(both.map((r) => r.erased).sort()).toEqual([0, 1])
    expect(both.map((r) => r.failed)).toEqual([0, 0])
    expect(await practiceExists(p.practice.id)).toBe(false)
    expect(await cronAt(eraseOn, sent)).toEqual({ reminders: 0, erased: 0, failed: 0 })
    const receipts = sent.filter((e) => e.to === p.owner.email)
    expect(receipts).toHaveLength(1)
    expect(await render(receipts[0]!.react, { plainText: true })).toMatch(/Lapsing Practice/)
    expect(await stripeClient().customers.retrieve(p.customerId)).toMatchObject({ deleted: true })
  })

  it('resubscribing on day 10 cancels the erasure: no more reminders, nothing erased', async () => {
    const p = await cancelledPractice('Returning Practice')
    await advanceStripeClock('10d')
    const renewed = await subscribe(p.actor)
    await deliverAll(p.customerId, [p.subscriptionId, renewed])
    const [row] = await sql<{ status: string; erase_after: Date | null }[]>`
      select status, erase_after from public.billing_subscriptions where practice_id = ${p.practice.id}`
    expect(row).toEqual({ status: 'active', erase_after: null })
    expect(await trail(p.practice.id)).toEqual(['billing.erasure_scheduled', 'billing.erasure_cancelled'])

    for (const day of [23, 29, 30, 31]) {
      expect(await cronAt(new Date(p.endedAt.getTime() + day * DAY))).toEqual({ reminders: 0, erased: 0, failed: 0 })
    }
    expect(await practiceExists(p.practice.id)).toBe(true)
    expect((await outbox(p.practice.id)).map((n) => n.template)).toEqual(['billing-cancelled'])
  })

  it('a resubscription that commits while the cron holds the decision is never erased', async () => {
    const p = await cancelledPractice('Racing Practice')
    const eraseOn = new Date(p.endedAt.getTime() + 30 * DAY)
    // The webhook's write holds the subscription row while the cron asks what is due.
    const tx = sql.reserve()
    const held = await tx
    await held`begin`
    await held`update public.billing_subscriptions set status = 'active', updated_at = now() where practice_id = ${p.practice.id}`
    const cron = cronAt(eraseOn)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await held`commit`
    held.release()
    expect(await cron).toEqual({ reminders: 0, erased: 0, failed: 0 })
    expect(await practiceExists(p.practice.id)).toBe(true)
  })

  it('refuses a new checkout once the erasure has begun, so nobody pays for a practice being deleted', async () => {
    const p = await cancelledPractice('Erasing Practice')
    await sql`select public.erasure_open('practice', ${p.practice.id}, null, ${p.owner.id}, ${p.owner.email}, 'Erasing Practice')`
    await expect(checkout.startCheckout({ admin: adminDb(), stripe: stripeClient(), siteUrl: SITE }, p.actor, { plan: 'solo', interval: 'month' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'Your practice is being deleted, so it can no longer be subscribed.',
    })
  })
})
