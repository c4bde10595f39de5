import type { Sql } from 'postgres'
import { expect } from 'vitest'
import { serviceApiClient } from '../../helpers/personas.ts'
import type { FillOptions } from '../../helpers/rows.ts'
import { stack } from '../../helpers/stack.ts'
import { completeCheckout, stripeClient } from '../../helpers/stripe.ts'

export const BUCKET = 'client-files'
export const FORM_PDFS = 'intake-pdfs'

/**
 * `fillEverything`'s options for the privacy suites: `documents` stored files with their rows, and
 * the sealed agreement's PDF in the form-PDF bucket, so exports and erasures meet real objects.
 */
export function withFiles(documents: number): FillOptions {
  const admin = serviceApiClient()
  return {
    documents,
    store: async (bucket, path, body) => {
      const { error } = await admin.storage.from(bucket).upload(path, body, { contentType: 'application/pdf' })
      expect(error).toBeNull()
    },
  }
}

/** Every public table with a practice_id column, from the catalog (new tables are covered). */
export async function practiceTables(sql: Sql): Promise<string[]> {
  const found = await sql<{ t: string }[]>`
    select c.table_name as t from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and c.column_name = 'practice_id' and t.table_type = 'BASE TABLE'
    order by 1`
  return found.map((r) => r.t)
}

/** Rows in any table of public or private whose JSON mentions the id, anywhere in any column. */
export async function rowsMentioning(sql: Sql, id: string): Promise<Record<string, number>> {
  const tables = await sql<{ s: string; t: string }[]>`
    select table_schema as s, table_name as t from information_schema.tables
    where table_schema in ('public', 'private') and table_type = 'BASE TABLE' order by 1, 2`
  const found: Record<string, number> = {}
  for (const { s, t } of tables) {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from ${sql(s + '.' + t)} x where strpos(to_jsonb(x)::text, ${id}) > 0`
    if (row!.n > 0) found[`${s}.${t}`] = row!.n
  }
  return found
}

export async function rowCounts(sql: Sql, practiceId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const t of await practiceTables(sql)) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql('public.' + t)} where practice_id = ${practiceId}`
    counts[t] = row!.n
  }
  counts.practices = 1
  return counts
}

/** The counts of `rowCounts` but the audit trail, which a refused attempt adds to on purpose. */
export function withoutAudit(counts: Record<string, number>): Record<string, number> {
  const { audit_log: _audit, ...rest } = counts
  return rest
}

/** How many refused attempts of `action` by `actorId` the practice's audit trail holds. */
export async function deniedAttempts(sql: Sql, practiceId: string, actorId: string, action: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from public.audit_log
    where practice_id = ${practiceId} and actor_id = ${actorId} and action = ${action} and outcome = 'denied'`
  return row!.n
}

/** One checksum over every row of the practice in every table, and its stored objects. */
export async function practiceChecksum(sql: Sql, practiceId: string): Promise<string> {
  const parts: string[] = []
  for (const t of await practiceTables(sql)) {
    const [row] = await sql<{ sum: string | null }[]>`
      select md5(string_agg(to_jsonb(x)::text, '|' order by to_jsonb(x)::text)) as sum
      from ${sql('public.' + t)} x where x.practice_id = ${practiceId}`
    parts.push(`${t}:${row!.sum}`)
  }
  const [objects] = await sql<{ sum: string | null }[]>`
    select md5(string_agg(name || ':' || coalesce(metadata::text, ''), '|' order by name)) as sum
    from storage.objects where bucket_id = ${BUCKET} and starts_with(name, ${practiceId + '/'})`
  parts.push(`objects:${objects!.sum}`)
  const [practice] = await sql<{ sum: string }[]>`select md5(to_jsonb(p)::text) as sum from public.practices p where id = ${practiceId}`
  parts.push(`practice:${practice!.sum}`)
  return parts.join(',')
}

/** Stored files under a prefix: documents and form PDFs. */
export async function objectCount(sql: Sql, prefix: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from storage.objects where bucket_id in (${BUCKET}, ${FORM_PDFS}) and starts_with(name, ${prefix})`
  return row!.n
}

export async function loginExists(sql: Sql, userId: string): Promise<boolean> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from auth.users where id = ${userId}`
  return row!.n === 1
}

export interface MailSummary {
  id: string
  to: string[]
  subject: string
}

export async function mailTo(address: string): Promise<{ subject: string; text: string }[]> {
  const res = await fetch(`${stack().mailboxUrl}/api/messages?to=${encodeURIComponent(address)}`)
  expect(res.status).toBe(200)
  const list = (await res.json()) as MailSummary[]
  const details = []
  for (const m of list) {
    const detail = await fetch(`${stack().mailboxUrl}/api/messages/${m.id}`)
    const body = (await detail.json()) as { subject: string; text: string | null }
    details.push({ subject: body.subject, text: body.text ?? '' })
  }
  return details
}

/**
 * Gives the practice a real subscription at the Stripe stand-in (a customer who went through
 * Checkout), stored as the webhook stores it, in place of the made-up ids of `fillEverything`.
 */
export async function subscribeAtStripe(sql: Sql, practiceId: string): Promise<{ customer: string; subscription: string }> {
  const stripe = stripeClient()
  const customer = await stripe.customers.create({ email: 'billing@test.doulaos.app', metadata: { practice_id: practiceId } })
  const price = await stripe.prices.create({ product_data: { name: 'Erasure plan' }, currency: 'usd', unit_amount: 2900, recurring: { interval: 'month' } })
  const session = await stripe.checkout.sessions.create({ mode: 'subscription', customer: customer.id, line_items: [{ price: price.id, quantity: 1 }], success_url: 'http://127.0.0.1:9/ok' })
  await completeCheckout(session.url!)
  const subscription = String((await stripe.checkout.sessions.retrieve(session.id)).subscription)
  await sql`delete from public.billing_customers where practice_id = ${practiceId}`
  await sql`insert into public.billing_customers (practice_id, stripe_customer_id) values (${practiceId}, ${customer.id})`
  await sql`insert into public.billing_subscriptions (practice_id, stripe_subscription_id, stripe_customer_id, status, plan, seats,
              subscription_created_at, fetched_at)
            values (${practiceId}, ${subscription}, ${customer.id}, 'active', 'solo', 1, now(), now())`
  return { customer: customer.id, subscription }
}
