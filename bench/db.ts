// npm run bench:db -- [--practices=100] [--clients=500] [--rounds=30] [--quick]
//
// --quick: 2 practices × 20 clients, 2 rounds, so CI proves the bench runs; its timings mean nothing.
//
// The data model's hot queries under RLS, as the practice's doula (role `authenticated` with her JWT
// claims), against the same SQL as service_role (BYPASSRLS) with the same explicit practice filter.
// Rounds alternate between the two so load on the machine hits both alike; medians are reported.
// Then other tenants' data grows tenfold and the same queries run again, and finally practices are
// deleted to time the cascade. Goals (issue #4): RLS ≤ 1.5 × bypass + 0.5 ms; growth ≤ 1.5×;
// deleting a practice ≤ 1 s per 10,000 owned rows. Full scale is --practices=200 (×10 = 2,000).
import { parseArgs } from 'node:util'
import type { Sql } from 'postgres'
import { startLocalStack } from '@doulaos/supabase-local'
import { seedPractices, uuidOf } from './support/seed.ts'

const { values } = parseArgs({
  options: {
    practices: { type: 'string' },
    clients: { type: 'string' },
    rounds: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
})
const DEFAULTS = values.quick ? { practices: '2', clients: '20', rounds: '2' } : { practices: '100', clients: '500', rounds: '30' }
const int = (raw: string | undefined, max: number) => {
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`Expected an integer from 1 to ${max}, got ${raw}`)
  return n
}
const BASE = int(values.practices ?? DEFAULTS.practices, 1_000)
const CLIENTS = int(values.clients ?? DEFAULTS.clients, 1_000)
const ROUNDS = int(values.rounds ?? DEFAULTS.rounds, 1_000)
/** Practices whose doulas run the queries; the rest are "other tenants". */
const PROBES = Math.min(10, BASE)

type Query = (p: number) => string
const P = (p: number) => `'${uuidOf(`practice-${p}`)}'::uuid`
const C = (p: number) => `'${uuidOf(`client-${p}-${1 + (p * 37) % CLIENTS}`)}'::uuid`

const HOT: Record<string, Query> = {
  'client list page (50 rows)': (p) => `
    select c.id, c.first_name, c.last_name, j.due_date, j.status from public.clients c
    left join public.journeys j on j.practice_id = c.practice_id and j.client_id = c.id
    where c.practice_id = ${P(p)} and c.archived_at is null order by c.last_name, c.first_name, c.id limit 50`,
  'client detail': (p) => `
    select (select row_to_json(c) from public.clients c where c.practice_id = ${P(p)} and c.id = ${C(p)}),
           (select json_agg(j) from public.journeys j where j.practice_id = ${P(p)} and j.client_id = ${C(p)}),
           (select json_agg(m) from public.milestones m where m.practice_id = ${P(p)} and m.client_id = ${C(p)}),
           (select json_agg(a) from public.appointments a where a.practice_id = ${P(p)} and a.client_id = ${C(p)})`,
  'calendar week': (p) => `
    select a.id, a.starts_at, a.kind from public.appointments a
    where a.practice_id = ${P(p)} and a.ends_at > date_trunc('week', now())
      and a.starts_at >= date_trunc('week', now()) - interval '74 hours' and a.starts_at < date_trunc('week', now()) + interval '7 days'
    order by a.starts_at, a.id`,
  'dashboard counts': (p) => `
    select j.status, count(*) from public.journeys j where j.practice_id = ${P(p)} group by j.status order by j.status`,
}

/** One query as the practice's doula under RLS, or as service_role, in a transaction like PostgREST's. */
async function run(sql: Sql, p: number, query: string, rls: boolean): Promise<{ ms: number; result: string }> {
  const role = rls ? 'authenticated' : 'service_role'
  const claims = rls ? { sub: uuidOf(`doula-${p}`), role } : { role }
  return sql.begin(async (tx) => {
    await tx`select set_config('role', ${role}, true), set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`
    const start = performance.now()
    const rows = await tx.unsafe(query)
    return { ms: performance.now() - start, result: JSON.stringify(rows) }
  })
}

const timed = async (sql: Sql, p: number, query: string, rls: boolean) => (await run(sql, p, query, rls)).ms

/** Both paths must return the same, non-empty result, or the timings compare nothing. */
async function verify(sql: Sql, name: string, query: Query) {
  const [rls, bypass] = [await run(sql, 1, query(1), true), await run(sql, 1, query(1), false)]
  if (rls.result !== bypass.result || rls.result === '[]') throw new Error(`${name}: RLS and bypass results differ or are empty`)
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function measure(sql: Sql) {
  const result: Record<string, { rls: number; bypass: number }> = {}
  for (const [name, query] of Object.entries(HOT)) {
    await verify(sql, name, query)
    const rls: number[] = []
    const bypass: number[] = []
    for (let r = 0; r < ROUNDS; r++) {
      const p = 1 + (r % PROBES)
      if (r % 2 === 0) {
        rls.push(await timed(sql, p, query(p), true))
        bypass.push(await timed(sql, p, query(p), false))
      } else {
        bypass.push(await timed(sql, p, query(p), false))
        rls.push(await timed(sql, p, query(p), true))
      }
    }
    result[name] = { rls: median(rls), bypass: median(bypass) }
  }
  return result
}

async function ownedRows(sql: Sql, p: number): Promise<number> {
  const tables = await sql<{ t: string }[]>`
    select c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'practice_id'
    where n.nspname = 'public' and c.relkind = 'r'`
  let total = 1
  for (const { t } of tables) {
    const [row] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from public.${t} where practice_id = ${P(p)}`)
    total += row!.n
  }
  return total
}

const ms = (x: number) => x.toFixed(2)

async function main() {
  const stack = await startLocalStack({ ephemeral: true, seed: false })
  try {
    const sql = stack.sql
    let t = performance.now()
    await seedPractices(sql, 1, BASE, CLIENTS)
    console.log(`Loaded ${BASE} practices × ${CLIENTS} clients in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    const small = await measure(sql)
    t = performance.now()
    await seedPractices(sql, BASE + 1, BASE * 10, CLIENTS)
    console.log(`Grew to ${BASE * 10} practices (other tenants ×10) in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    const large = await measure(sql)

    console.log(`\n| query | RLS (${BASE} practices) | bypass | RLS goal met | RLS (${BASE * 10} practices) | growth | growth goal met |`)
    console.log('|---|---:|---:|:---:|---:|---:|:---:|')
    for (const name of Object.keys(HOT)) {
      const s = small[name]!
      const l = large[name]!
      const growth = l.rls / s.rls
      console.log(
        `| ${name} | ${ms(s.rls)} ms | ${ms(s.bypass)} ms | ${s.rls <= 1.5 * s.bypass + 0.5 ? 'yes' : 'no'} | ${ms(l.rls)} ms | ${growth.toFixed(2)}× | ${growth <= 1.5 ? 'yes' : 'no'} |`,
      )
    }

    const deletions: number[] = []
    for (const p of [BASE * 10, BASE * 10 - 1, BASE * 10 - 2]) {
      const rows = await ownedRows(sql, p)
      const start = performance.now()
      await sql.unsafe(`delete from public.practices where id = ${P(p)}`)
      const elapsed = performance.now() - start
      deletions.push((elapsed / rows) * 10_000)
      console.log(`\nDeleted a practice owning ${rows} rows in ${ms(elapsed)} ms`)
    }
    const perTenK = median(deletions)
    console.log(`Cascade delete: ${ms(perTenK)} ms per 10,000 rows (goal ≤ 1000 ms): ${perTenK <= 1000 ? 'met' : 'not met'}`)
  } finally {
    await stack.stop()
  }
}

await main()
