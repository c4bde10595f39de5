// npm run bench:local — the REST stand-in against the same SQL run in-process by postgres.js.
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import postgres from 'postgres'
import { startLocalStack } from '../index.ts'
import { signUserToken } from '../jwt.ts'
import { FIXTURE_DIR } from '../tests/fixtures/rest/harness.ts'

const OWNERS = 20
const ROWS_PER_OWNER = 2000
const PAGE = 50
const SEQUENTIAL = 500
const WARMUP = 50
const CONCURRENCY = 10
const THROUGHPUT_MS = 3000

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

const stack = await startLocalStack({ ephemeral: true, supabaseDir: FIXTURE_DIR, seed: true })
const direct = postgres(stack.dbUrl, { max: CONCURRENCY, onnotice: () => {} })
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

  const viaRest = async () => {
    const res = await fetch(url, { headers })
    const body = await res.text()
    if (res.status !== 200) throw new Error(`REST answered ${res.status}: ${body}`)
    return body
  }
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

  const restMedian = await sequential(viaRest)
  const directMedian = await sequential(viaPostgres)
  const restRps = await throughput(viaRest)
  const directRps = await throughput(viaPostgres)

  const f = (n: number, d = 2) => n.toFixed(d)
  console.log(`\n${OWNERS * ROWS_PER_OWNER} rows over ${OWNERS} owners; one user reads ${PAGE} of their ${ROWS_PER_OWNER} rows under RLS.\n`)
  console.log('| path | median latency (ms) | req/s at 10 concurrent |')
  console.log('|---|---:|---:|')
  console.log(`| REST stand-in (fetch, keep-alive) | ${f(restMedian, 3)} | ${f(restRps, 0)} |`)
  console.log(`| postgres.js in-process (begin, set_config, query, commit) | ${f(directMedian, 3)} | ${f(directRps, 0)} |`)
  console.log(`| **ratio REST / direct** | **${f(restMedian / directMedian)}x** | **${f(directRps / restRps)}x fewer** |`)
} finally {
  await direct.end({ timeout: 1 })
  await stack.stop()
}
