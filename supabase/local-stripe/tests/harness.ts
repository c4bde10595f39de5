import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'
import { startLocalStripe, type LocalStripe, type LocalStripeOptions } from '../index.ts'

export const WEBHOOK_SECRET = 'whsec_testHarnessSecretForLocalStripe0001'

/** What the harness's webhook receiver saw: every event it verified with `stripe.webhooks.constructEvent`. */
export interface Receiver {
  url: string
  events: Stripe.Event[]
  /** Requests whose signature did not verify (kept with the error message). */
  rejected: string[]
  /** Status to answer with for the next N requests (then 200). */
  failNext(count: number, status?: number): void
  server: Server
}

async function startReceiver(stripe: Stripe, secret: string): Promise<Receiver> {
  let failures = 0
  let failStatus = 500
  const receiver: Receiver = {
    url: '',
    events: [],
    rejected: [],
    failNext(count, status = 500) {
      failures = count
      failStatus = status
    },
    server: createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        if (failures > 0) {
          failures--
          res.writeHead(failStatus).end()
          return
        }
        try {
          receiver.events.push(stripe.webhooks.constructEvent(raw, String(req.headers['stripe-signature']), secret))
          res.writeHead(200).end('{"received":true}')
        } catch (err) {
          receiver.rejected.push((err as Error).message)
          res.writeHead(400).end()
        }
      })
    }),
  }
  await new Promise<void>((ok) => receiver.server.listen(0, '127.0.0.1', ok))
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/api/stripe/webhook`
  return receiver
}

export interface Harness {
  local: LocalStripe
  stripe: Stripe
  receiver: Receiver
  stop(): Promise<void>
}

/**
 * An ephemeral stand-in (frozen clock, free port), the unmodified stripe client pointed at it, and a
 * webhook receiver that verifies signatures as the app will. Retries are compressed to milliseconds.
 */
export async function startHarness(options: LocalStripeOptions = {}): Promise<Harness> {
  const verifier = new Stripe('sk_test_verifier_only')
  const receiver = await startReceiver(verifier, WEBHOOK_SECRET)
  const local = await startLocalStripe({
    ephemeral: true,
    webhookUrl: receiver.url,
    webhookSecret: WEBHOOK_SECRET,
    retry: { initialDelayMs: 20, factor: 2, maxAttempts: 4, timeoutMs: 2000 },
    ...options,
  })
  const stripe = new Stripe(local.secretKey, { ...local.clientOptions, maxNetworkRetries: 0 })
  return {
    local,
    stripe,
    receiver,
    stop: async () => {
      await local.stop()
      await new Promise<void>((ok) => receiver.server.close(() => ok()))
    },
  }
}

/** Solo (one seat) and Team (per seat), monthly and yearly, found by lookup key like the app will. */
export async function seedPlans(stripe: Stripe) {
  const solo = await stripe.products.create({ name: 'Solo' })
  const team = await stripe.products.create({ name: 'Team' })
  const price = (product: string, unit_amount: number, interval: 'month' | 'year', lookup_key: string) =>
    stripe.prices.create({ product, currency: 'usd', unit_amount, recurring: { interval }, lookup_key })
  return {
    soloMonthly: await price(solo.id, 2900, 'month', 'solo_monthly'),
    soloYearly: await price(solo.id, 29000, 'year', 'solo_yearly'),
    teamMonthly: await price(team.id, 1900, 'month', 'team_monthly'),
    teamYearly: await price(team.id, 19000, 'year', 'team_yearly'),
  }
}

/** Creates a checkout session for `price` and completes it on the hosted page; returns the subscription. */
export async function subscribe(h: Harness, price: string, o: { quantity?: number; trialDays?: number; card?: string; email?: string; customer?: string } = {}) {
  const session = await h.stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price, quantity: o.quantity ?? 1 }],
    success_url: 'http://127.0.0.1:9/billing?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://127.0.0.1:9/billing',
    ...(o.customer ? { customer: o.customer } : { customer_email: o.email ?? 'maya@example.test' }),
    ...(o.trialDays ? { subscription_data: { trial_period_days: o.trialDays }, payment_method_collection: 'if_required' as const } : {}),
  })
  await h.local.completeCheckout(session.id, { card: o.card })
  const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription'] })
  return { session: done, subscription: done.subscription as Stripe.Subscription }
}

export const DAY = 86400
