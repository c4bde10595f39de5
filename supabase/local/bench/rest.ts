// npm run bench:local [-- --quick] [-- --profile] — the REST stand-in against the same SQL run
// in-process by postgres.js. Goal (issue #17): the stand-in's median latency ≤ 1.3× and its
// throughput at 10 concurrent ≥ 0.7× the direct path's. --quick runs tiny sizes to prove the bench
// works (CI); its timings mean nothing. --profile adds a CPU profile of the REST phase.
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { Session } from 'node:inspector/promises'
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { startLocalStack } from '../index.ts'
import { signUserToken } from '../jwt.ts'
import { FIXTURE_DIR } from '../tests/fixtures/rest/harness.ts'
import { topOfProfile, type CpuProfile } from './profile.ts'

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean', default: false }, profile: { type: 'boolean', default: false } } })
const QUICK = flags.quick
const OWNERS = QUICK ? 2 : 20
const ROWS_PER_OWNER = QUICK ? 100 : 2000
const PAGE = 50
const SEQUENTIAL = QUICK ? 20 : 500
const WARMUP = QUICK ? 5 : 100
const CONCURRENCY = 10
const THROUGHPUT_MS = QUICK ? 300 : 3000

/** The statement the stand-in generates for `GET /items?select=*&order=id&limit=50`. */
const PAGE_SQL = `WITH pgrst_source AS (SELECT "items".* FROM "public"."items" AS "items" ORDER BY "items"."id" LIMIT ${PAGE}) SELECT NULL::text AS total, count(*)::text AS page, coalesce(json_agg(_pgrst_t), '[]'::json)::text AS body FROM pgrst_source AS _pgrst_t`

const SETUP_SQL = `select set_config('search_path', $1, true), set_config('role', $2, true),
  set_config('request.jwt.claims', $3, true), set_config('request.method', 'GET', true),
  set_config('request.path', '/items', true), set_config('request.headers', $4, true),
  set_config('request.cookies', '{}', true)`

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

async function sequential(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await run()
  const times: number[] = []
  for (let i = 0; i < SEQUENTIAL; i++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  return median(times)
}

async function throughput(run: () => Promise<unknown>): Promise<number> {
  let done = 0
  const end = performance.now() + THROUGHPUT_MS
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        await run()
        done++
      }
    }),
  )
  return done / (THROUGHPUT_MS / 1000)
}

/** The REST phase's CPU profile: what the stand-in (and the client beside it) spend time on. */
async function profiled(run: () => Promise<unknown>) {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  await throughput(run)
  const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile }
  session.disconnect()
  return topOfProfile(profile, 12)
}

const stack = await startLocalStack({ ephemeral: true, supabaseDir: FIXTURE_DIR, seed: true })
const direct = postgres(stack.dbUrl, { max: CONCURRENCY, onnotice: () => {} })
// Node's own HTTP client with keep-alive, as a server-side caller (the app's fetch) would hold
// connections open. fetch itself costs ~0.3 ms a request in the same process (undici), more than a
// bare node:http round trip (~0.1 ms): it would measure the client rather than the stand-in.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
try {
  const owners = Array.from({ length: OWNERS }, () => randomUUID())
  await stack.sql`insert into public.items (owner_id, name, amount)
    select (${owners}::uuid[])[1 + g % ${OWNERS}], 'item ' || g, g * 1.5
    from generate_series(1, ${OWNERS * ROWS_PER_OWNER}) g`
  await stack.sql`analyze public.items`
  const sub = owners[0]!
  const iat = Math.floor(Date.now() / 1000)
  const claims = { sub, role: 'authenticated', aud: 'authenticated', iat, exp: iat + 3600, session_id: randomUUID(), email: 'bench@example.com' }
  const token = await signUserToken(claims, stack.keys)
  const url = `${stack.apiUrl}/rest/v1/items?select=*&order=id&limit=${PAGE}`
  const headers = { apikey: stack.anonKey, Authorization: `Bearer ${token}`, 'Accept-Profile': 'public' }

  const viaRest = () =>
    new Promise<string>((ok, fail) => {
      http
        .get(url, { headers, agent }, (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (body += chunk))
          res.on('end', () => (res.statusCode === 200 ? ok(body) : fail(new Error(`REST answered ${res.statusCode}: ${body}`))))
        })
        .on('error', fail)
    })
  const viaPostgres = () =>
    direct.begin(async (tx) => {
      await tx.unsafe(SETUP_SQL, ['"public", "extensions"', 'authenticated', JSON.stringify(claims), JSON.stringify(headers)])
      const [row] = await tx.unsafe<{ body: string }[]>(PAGE_SQL)
      return row!.body
    })

  const [restRows, directRows] = [JSON.parse(await viaRest()) as unknown[], JSON.parse(await viaPostgres()) as unknown[]]
  if (restRows.length !== PAGE || JSON.stringify(restRows) !== JSON.stringify(directRows)) {
    throw new Error('the two paths disagree; the comparison would be meaningless')
  }

  const load = loadavg()[0]!
  const restMedian = await sequential(viaRest)
  const directMedian = await sequential(viaPostgres)
  const restRps = await throughput(viaRest)
  const directRps = await throughput(viaPostgres)
  const latency = restMedian / directMedian
  const share = restRps / directRps

  const f = (n: number, d = 2) => n.toFixed(d)
  console.log(`\n${OWNERS * ROWS_PER_OWNER} rows over ${OWNERS} owners; one user reads ${PAGE} of their ${ROWS_PER_OWNER} rows under RLS.`)
  console.log(`Load average (1 min) at the start: ${f(load)} on ${QUICK ? 'a quick run: sizes too small for the timings to mean anything' : 'this machine'}.\n`)
  console.log('| path | median latency (ms) | req/s at 10 concurrent |')
  console.log('|---|---:|---:|')
  console.log(`| REST stand-in (node:http, keep-alive) | ${f(restMedian, 3)} | ${f(restRps, 0)} |`)
  console.log(`| postgres.js in-process (begin, set_config, query, commit) | ${f(directMedian, 3)} | ${f(directRps, 0)} |`)
  console.log(`| **REST / direct** | **${f(latency)}×** | **${f(share)}×** |`)
  if (!QUICK) {
    console.log(`\nLatency goal (≤ 1.3×): ${latency <= 1.3 ? 'PASS' : 'MISS'}. Throughput goal (≥ 0.7×): ${share >= 0.7 ? 'PASS' : 'MISS'}.`)
  }
  if (flags.profile) {
    console.log('\nCPU profile of the REST phase (self time, this process: the stand-in and its client):\n')
    for (const line of await profiled(viaRest)) console.log(line)
  }
} finally {
  agent.destroy()
  await direct.end({ timeout: 1 })
  await stack.stop()
}
