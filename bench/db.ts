// npm run bench:db -- [--practices=200] [--clients=100] [--iterations=200]
//
// Measures the RLS hot paths of the data model on an ephemeral local stack: a doula's client page,
// a portal client's appointments, anonymous reads, a bulk insert with statement-level auditing and
// the cascade delete of one practice. Full scale (CONVENTIONS: 2,000 practices x 500 clients)
// is `--practices=2000 --clients=500` and needs several GB of disk and a few minutes to load.
import { createHash, randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'
import { createClient } from '@supabase/supabase-js'
import type { Sql, TransactionSql } from 'postgres'
import { startLocalStack } from '../supabase/local/index.ts'
import { signHs256 } from '../supabase/local/jwt.ts'
import { loadKeys } from '../supabase/local/keys.ts'

const { values } = parseArgs({
  options: {
    practices: { type: 'string', default: '200' },
    clients: { type: 'string', default: '100' },
    iterations: { type: 'string', default: '200' },
  },
})
const PRACTICES = boundedInt(values.practices, 1, 5_000)
const CLIENTS = boundedInt(values.clients, 1, 1_000)
const ITERATIONS = boundedInt(values.iterations, 1, 10_000)
const LOAD_BATCH = Math.max(1, Math.floor(50_000 / CLIENTS))

function boundedInt(raw: string | undefined, min: number, max: number): number {
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`Expected an integer between ${min} and ${max}, got ${raw}`)
  return n
}

/** Deterministic ids (md5 of a label, as SQL and JS compute alike) so measurements need no lookups. */
const uuidSql = (expr: string) => `md5(${expr})::uuid`
function uuidOf(label: string): string {
  const h = createHash('md5').update(label).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

async function load(sql: Sql) {
  for (let from = 1; from <= PRACTICES; from += LOAD_BATCH) {
    const to = Math.min(PRACTICES, from + LOAD_BATCH - 1)
    await sql.begin(async (tx) => {
      await tx.unsafe(`
        insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, created_at, updated_at)
        select '00000000-0000-0000-0000-000000000000'::uuid, ${uuidSql(`'owner-' || p`)}, 'authenticated', 'authenticated',
               'owner-' || p || '@bench.local', now(), now(), now() from generate_series(${from}, ${to}) p
        union all
        select '00000000-0000-0000-0000-000000000000'::uuid, ${uuidSql(`'portal-' || p`)}, 'authenticated', 'authenticated',
               'portal-' || p || '@bench.local', now(), now(), now() from generate_series(${from}, ${to}) p;
        insert into public.practices (id, name, slug, created_by)
        select ${uuidSql(`'practice-' || p`)}, 'Bench ' || p, 'bench-' || p, ${uuidSql(`'owner-' || p`)} from generate_series(${from}, ${to}) p;
        insert into public.practice_members (practice_id, user_id, role)
        select ${uuidSql(`'practice-' || p`)}, ${uuidSql(`'owner-' || p`)}, 'owner' from generate_series(${from}, ${to}) p;
        insert into public.clients (id, practice_id, first_name, last_name, portal_user_id)
        select ${uuidSql(`'client-' || p || '-' || c`)}, ${uuidSql(`'practice-' || p`)}, 'Client', c::text,
               case when c = 1 then ${uuidSql(`'portal-' || p`)} end
        from generate_series(${from}, ${to}) p cross join generate_series(1, ${CLIENTS}) c;
        insert into public.journeys (id, practice_id, client_id, due_date, status)
        select ${uuidSql(`'journey-' || p || '-' || c`)}, ${uuidSql(`'practice-' || p`)}, ${uuidSql(`'client-' || p || '-' || c`)},
               current_date + (c % 280), 'booked'
        from generate_series(${from}, ${to}) p cross join generate_series(1, ${CLIENTS}) c;
        insert into public.appointments (practice_id, client_id, journey_id, kind, starts_at, ends_at, shared_with_client)
        select ${uuidSql(`'practice-' || p`)}, ${uuidSql(`'client-' || p || '-' || c`)}, ${uuidSql(`'journey-' || p || '-' || c`)},
               'prenatal', now() + make_interval(days => c % 30), now() + make_interval(days => c % 30, hours => 1), c % 2 = 0
        from generate_series(${from}, ${to}) p cross join generate_series(1, ${CLIENTS}) c;`)
    })
    process.stdout.write(`\rloaded ${to}/${PRACTICES} practices`)
  }
  process.stdout.write('\n')
  await sql`vacuum analyze`
}

function claims(sub: string) {
  const now = Math.floor(Date.now() / 1000)
  return { sub, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 3600, session_id: randomUUID() }
}

async function asUser(sql: Sql, sub: string | null, fn: (tx: TransactionSql) => Promise<unknown>): Promise<unknown> {
  return sql.begin(async (tx) => {
    await tx`select set_config('request.jwt.claims', ${JSON.stringify(sub ? claims(sub) : { role: 'anon' })}, true)`
    await tx.unsafe(`set local role ${sub ? 'authenticated' : 'anon'}`)
    return fn(tx)
  })
}

async function timeIt(label: string, n: number, fn: (i: number) => Promise<unknown>) {
  const samples: number[] = []
  for (let i = 0; i < n; i++) {
    const start = performance.now()
    await fn(i)
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  const pct = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(2)
  console.log(`${label.padEnd(58)} p50 ${pct(0.5).padStart(8)} ms   p95 ${pct(0.95).padStart(8)} ms   (n=${n})`)
}

async function main() {
  const stack = await startLocalStack({ ephemeral: true, seed: false })
  try {
    const sql = stack.sql
    console.log(`Loading ${PRACTICES} practices x ${CLIENTS} clients (with journeys and appointments)...`)
    const loadStart = performance.now()
    await load(sql)
    console.log(`load: ${((performance.now() - loadStart) / 1000).toFixed(1)} s`)

    const practice = (i: number) => (i % PRACTICES) + 1
    const somePractice = uuidOf('practice-1')

    await timeIt('doula: first 50 clients of her practice (SQL as role)', ITERATIONS, async (i) => {
      const p = practice(i)
      await asUser(sql, uuidOf(`owner-${p}`), (tx) =>
        tx`select * from public.clients where practice_id = ${uuidOf(`practice-${p}`)} order by last_name, first_name limit 50`)
    })
    await timeIt('portal client: her shared appointments (SQL as role)', ITERATIONS, async (i) => {
      const p = practice(i)
      await asUser(sql, uuidOf(`portal-${p}`), (tx) =>
        tx`select * from public.appointments where practice_id = ${uuidOf(`practice-${p}`)} and client_id = ${uuidOf(`client-${p}-1`)}
           order by starts_at limit 50`)
    })
    await timeIt('anon: select from clients (denied by grants)', ITERATIONS, async () => {
      await asUser(sql, null, (tx) => tx`select 1 from public.clients limit 1`).catch(() => undefined)
    })

    const keys = await loadKeys()
    const owner1 = uuidOf('owner-1')
    const api = createClient(stack.apiUrl, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: (globalThis.WebSocket ?? class {}) as typeof WebSocket },
      global: { headers: { Authorization: `Bearer ${await signHs256(claims(owner1), keys)}` } },
    })
    await timeIt('doula: first 50 clients through supabase-js (REST)', Math.min(ITERATIONS, 100), async () => {
      const { error } = await api.from('clients').select('*').eq('practice_id', somePractice).order('last_name').limit(50)
      if (error) throw new Error(error.message)
    })

    await timeIt(`bulk: ${CLIENTS} milestones in one statement (audited)`, 5, async () => {
      await asUser(sql, owner1, (tx) => tx`
        insert into public.milestones (practice_id, client_id, journey_id, title)
        select ${somePractice}, md5('client-1-' || c)::uuid, md5('journey-1-' || c)::uuid, 'Bench'
        from generate_series(1, ${CLIENTS}) c`)
    })

    await timeIt('cascade: delete one practice with everything in it', 3, async (i) => {
      await sql.unsafe(`delete from public.practices where id = md5('practice-${PRACTICES - i}')::uuid`)
    })
  } finally {
    await stack.stop()
  }
}

await main()
