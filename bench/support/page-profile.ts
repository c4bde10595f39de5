import { runConcurrently } from './concurrency.ts'
import type { BenchContext } from './context.ts'
import { busyTime, rounds, type RecordedCall } from './recorder.ts'
import { getPage, type PageRequest } from './session.ts'
import { median, ms } from './stats.ts'

export interface PageProbe {
  name: string
  path: string
  /** Text the rendered page must contain. */
  expect: string
}

export interface PageProfile {
  p50: number
  p95: number
  /** Medians over sequential renders: the whole response, and the time covered by Supabase calls. */
  total: number
  data: number
  /** Render time outside data fetching, as a share of the data time (median of per-render ratios). */
  overheadShare: number
  /** Median of as many renders with gzip requested, which `next start` compresses in-process. */
  gzipTotal: number
  /** The same share in the typical render with every call delayed by DELAY_MS. */
  delayedOverheadShare: number
  calls: number
  /** With every call delayed by DELAY_MS: the render's time, its longest chain of dependent calls, and those calls by round. */
  delayedTotal: number
  rounds: number
  chain: string[]
}

const WARMUP = 5
/** Renders with the injected delay; the middle one by time is the one reported. */
const DELAYED_RENDERS = 3
/** The injected per-call latency for counting rounds: about a hosted Supabase's round trip. */
export const DELAY_MS = 50

function describeChain(calls: RecordedCall[]): string[] {
  const byRound = new Map<number, string[]>()
  for (const { call, round } of rounds(calls)) {
    const list = byRound.get(round) ?? []
    list.push(`${call.method} ${call.path} (${ms(call.end - call.start)})`)
    byRound.set(round, list)
  }
  return [...byRound.entries()].map(([round, list]) => `round ${round}: ${list.join(', ')}`)
}

/**
 * Renders the page alone `profiles` times, attributing every Supabase call made meanwhile to it
 * (nothing else runs); DELAYED_RENDERS more times with each call delayed, to count its rounds; then
 * `requests` times with `concurrency` in flight for the latency figures.
 */
export async function profilePage(ctx: BenchContext, cookie: string, probe: PageProbe): Promise<PageProfile> {
  const url = `${ctx.app.url}${probe.path}`
  for (let i = 0; i < WARMUP; i++) await getPage(url, cookie, probe.expect)
  ctx.bench.recorder.take()

  const renders: { total: number; data: number; calls: RecordedCall[] }[] = []
  const gzipped: number[] = []
  for (let i = 0; i < ctx.options.profiles; i++) {
    const { ms: total } = await getPage(url, cookie, probe.expect)
    const calls = ctx.bench.recorder.take()
    renders.push({ total, data: busyTime(calls), calls })
    gzipped.push((await getPage(url, cookie, probe.expect, { gzip: true })).ms)
    ctx.bench.recorder.take()
  }

  ctx.bench.recorder.setDelay(DELAY_MS)
  const delayed: { total: number; calls: RecordedCall[] }[] = []
  try {
    for (let i = 0; i < DELAYED_RENDERS; i++) {
      const { ms: total } = await getPage(url, cookie, probe.expect)
      delayed.push({ total, calls: ctx.bench.recorder.take() })
    }
  } finally {
    ctx.bench.recorder.setDelay(0)
  }
  const typical = [...delayed].sort((a, b) => a.total - b.total)[Math.floor(DELAYED_RENDERS / 2)]!
  const typicalData = busyTime(typical.calls)
  const load = await runConcurrently(ctx.options.requests, ctx.options.concurrency, async () => {
    await getPage(url, cookie, probe.expect)
  })
  ctx.bench.recorder.take()

  return {
    p50: load.p50,
    p95: load.p95,
    total: median(renders.map((r) => r.total)),
    data: median(renders.map((r) => r.data)),
    overheadShare: median(renders.map((r) => (r.total - r.data) / r.data)),
    gzipTotal: median(gzipped),
    delayedOverheadShare: (typical.total - typicalData) / typicalData,
    calls: typical.calls.length,
    delayedTotal: typical.total,
    rounds: Math.max(0, ...rounds(typical.calls).map((r) => r.round)),
    chain: describeChain(typical.calls),
  }
}

/** A path no route matches: the app answers with its 404 page, which reads no data. */
const NO_SUCH_PAGE = '/bench-no-such-page'
const NOT_FOUND_TEXT = 'We could not find that page'

/**
 * Median time of the app's 404 page for the signed-in person: the proxy's session check, the root
 * layout and a few lines of markup, with no data. What any page costs before its own work.
 */
export async function profileFloor(ctx: BenchContext, cookie: string): Promise<number> {
  const url = `${ctx.app.url}${NO_SUCH_PAGE}`
  const request: PageRequest = { status: 404 }
  for (let i = 0; i < WARMUP; i++) await getPage(url, cookie, NOT_FOUND_TEXT, request)
  const totals: number[] = []
  for (let i = 0; i < ctx.options.profiles; i++) totals.push((await getPage(url, cookie, NOT_FOUND_TEXT, request)).ms)
  // The session check may refresh its cached signing keys; anything else would be data.
  const reads = ctx.bench.recorder.take().filter((call) => !call.path.startsWith('/auth/'))
  if (reads.length > 0) throw new Error(`The 404 page made ${reads.length} data calls; it must read none to serve as the floor`)
  return median(totals)
}
