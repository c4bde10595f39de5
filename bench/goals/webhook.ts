// Issue #15: the Stripe webhook route under concurrent, duplicated and reordered deliveries.
import { LOCAL_STRIPE_WEBHOOK_SECRET, signatureHeader } from '@doulaos/local-stripe'
import { runConcurrently } from '../support/concurrency.ts'
import { PROBE, type BenchContext } from '../support/context.ts'
import type { GoalReport } from '../support/report.ts'
import { seeded } from '../support/seed.ts'
import { ms } from '../support/stats.ts'

/** Each distinct event is delivered this many times (Stripe retries and redelivers). */
export const COPIES = 5
const CUSTOMER = 'cus_benchWebhook0001'

/** A deterministic shuffle (xorshift), so a run's order can be reproduced and is far from sorted. */
function shuffled<T>(items: T[], seed = 0x9e3779b9): T[] {
  const out = [...items]
  let s = seed >>> 0
  for (let i = out.length - 1; i > 0; i--) {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    const j = (s >>> 0) % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/**
 * Events that each queue one notice to the probe practice's owner (its only owner): the effect of
 * an event is then one outbox row keyed by its id, and a second effect of the same event would be
 * a second row. Invoices carry no subscription, so the route does not call Stripe.
 */
function events(run: string, count: number) {
  const created = Math.floor(Date.now() / 1000)
  return Array.from({ length: count }, (_, i) => {
    const failed = i % 2 === 0
    return {
      id: `evt_bench${run}${String(i).padStart(5, '0')}`,
      object: 'event',
      type: failed ? 'invoice.payment_failed' : 'invoice.payment_action_required',
      // Creation times spread out, so the shuffled deliveries arrive out of order.
      created: created - count + i,
      livemode: false,
      api_version: '2025-08-27.basil',
      data: { object: { id: `in_bench${run}${i}`, object: 'invoice', customer: CUSTOMER, parent: null, next_payment_attempt: failed ? created + 86_400 : null } },
    }
  })
}

export async function benchWebhook(ctx: BenchContext, distinct: number, concurrency: number): Promise<GoalReport> {
  const { sql } = ctx.bench.stack
  const practiceId = seeded.practiceId(PROBE)
  await sql`insert into public.billing_customers (practice_id, stripe_customer_id) values (${practiceId}, ${CUSTOMER})
            on conflict (practice_id) do nothing`
  const run = Date.now().toString(36)
  const bodies = events(run, distinct).map((e) => JSON.stringify(e))
  const deliveries = shuffled(bodies.flatMap((body) => Array.from({ length: COPIES }, () => body)))
  const outcomes = new Map<string, number>()
  // The customer is the bench's own: it goes again, so the deletion goal after this one has no Stripe billing to end.
  const load = await runConcurrently(deliveries.length, concurrency, async (i) => {
    const body = deliveries[i]!
    const res = await fetch(`${ctx.app.url}/api/stripe/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signatureHeader(body, LOCAL_STRIPE_WEBHOOK_SECRET, Math.floor(Date.now() / 1000)) },
      body,
    })
    if (res.status !== 200) throw new Error(`webhook delivery answered ${res.status}: ${await res.text()}`)
    const { outcome } = (await res.json()) as { outcome: string }
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
  }).finally(() => sql`delete from public.billing_customers where practice_id = ${practiceId}`)
  const [effects] = await sql<{ n: number }[]>`
    select count(*)::int as n from public.notifications where idempotency_key like ${`stripe:evt_bench${run}%`}`
  const [recorded] = await sql<{ n: number }[]>`
    select count(*)::int as n from private.billing_events where id like ${`evt_bench${run}%`} and outcome = 'applied'`
  const applied = outcomes.get('applied') ?? 0
  // Checked in every mode, --quick included: a duplicate applied twice is a bug, not a slow run.
  if (effects?.n !== distinct || recorded?.n !== distinct || applied !== distinct) {
    throw new Error(`${deliveries.length} deliveries of ${distinct} events: ${effects?.n} notices, ${recorded?.n} recorded, ${applied} answered applied (expected ${distinct} each)`)
  }
  return {
    title: `Stripe webhook (#15): ${deliveries.length} signed deliveries of ${distinct} distinct events, shuffled`,
    rows: [
      { what: `POST /api/stripe/webhook: p50 / p95, ${concurrency} concurrent`, value: `${ms(load.p50)} / ${ms(load.p95)}` },
      { what: 'throughput', value: `${(deliveries.length / (load.elapsed / 1000)).toFixed(0)} deliveries/s` },
      { what: 'effects (one outbox notice per event)', value: String(effects.n), goal: `exactly ${distinct}`, pass: effects.n === distinct },
      { what: 'answers', value: [...outcomes].map(([k, v]) => `${v} ${k}`).join(', ') },
    ],
    notes: [
      `Each event is delivered ${COPIES} times, all copies shuffled together (so later events often arrive before earlier ones, and copies of one event race each other), ${concurrency} in flight at a time.`,
      'The events are invoice notices about the probe practice, so each delivery verifies the signature, records the event id once and queues the notice in one transaction, with no call to Stripe.',
    ],
  }
}
