import { Agent, createServer, request as forward, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedCall {
  method: string
  /** Path without the query string (no tokens in logs). */
  path: string
  status: number
  /** performance.now() when the request reached the recorder and when its response was fully sent. */
  start: number
  end: number
}

export interface Recorder {
  /** Point the app's NEXT_PUBLIC_SUPABASE_URL here. */
  url: string
  /** Calls completed since the last `take()`, oldest first. */
  take(): RecordedCall[]
  /**
   * Holds every request this long before forwarding it, as a network hop to a hosted Supabase
   * would. Calls issued together then overlap despite the few ms the app takes to issue each,
   * while a call that waits on another's answer starts a whole delay later.
   */
  setDelay(ms: number): void
  stop(): Promise<void>
}

/**
 * A pass-through HTTP proxy in front of the stand-in that timestamps every call the app makes to
 * Supabase. Bodies stream through untouched (an upload or download is never buffered here), so the
 * app sees the same API with one extra loopback hop.
 */
export async function startRecorder(target: string): Promise<Recorder> {
  const upstream = new URL(target)
  const agent = new Agent({ keepAlive: true })
  let calls: RecordedCall[] = []
  let delay = 0
  const server: Server = createServer((req, res) => {
    const start = performance.now()
    const path = (req.url ?? '/').split('?')[0]!
    const out = forward(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
        res.on('finish', () => calls.push({ method: req.method ?? 'GET', path, status: answer.statusCode ?? 0, start, end: performance.now() }))
      },
    )
    out.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`recorder: ${error.message}`)
    })
    if (delay > 0) setTimeout(() => req.pipe(out), delay)
    else req.pipe(out)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    take() {
      const taken = calls
      calls = []
      return taken
    },
    setDelay(ms) {
      delay = ms
    },
    stop: () =>
      new Promise((resolve) => {
        agent.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Milliseconds covered by at least one call: the wall time a page spent waiting on data. */
export function busyTime(calls: RecordedCall[]): number {
  const sorted = [...calls].sort((a, b) => a.start - b.start)
  let total = 0
  let from = -Infinity
  let to = -Infinity
  for (const c of sorted) {
    if (c.start > to) {
      total += to - from > 0 ? to - from : 0
      from = c.start
      to = c.end
    } else to = Math.max(to, c.end)
  }
  return total + (to - from > 0 ? to - from : 0)
}

/**
 * Each call's round: 1 + the highest round among calls that had finished before it started. The
 * highest round is the length of the page's longest chain of fetches waiting on fetches.
 */
export function rounds(calls: RecordedCall[]): { call: RecordedCall; round: number }[] {
  const sorted = [...calls].sort((a, b) => a.start - b.start)
  const result: { call: RecordedCall; round: number }[] = []
  for (const call of sorted) {
    const before = result.filter((r) => r.call.end <= call.start).map((r) => r.round)
    result.push({ call, round: 1 + Math.max(0, ...before) })
  }
  return result
}
