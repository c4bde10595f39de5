import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { cronMatches, CronSyntaxError, parseCron, readVercelCrons, startCronRunner } from '../../scripts/cron.ts'

const at = (iso: string) => new Date(iso)
const matches = (expr: string, iso: string) => cronMatches(parseCron(expr), at(iso))

describe('parseCron / cronMatches', () => {
  it.each([
    // expression, UTC instant, fires?
    ['* * * * *', '2026-03-01T00:00:00Z', true],
    ['0 7 * * *', '2026-03-01T07:00:30Z', true],
    ['0 7 * * *', '2026-03-01T07:01:00Z', false],
    ['0 7 * * *', '2026-03-01T08:00:00Z', false],
    ['*/15 * * * *', '2026-03-01T10:45:00Z', true],
    ['*/15 * * * *', '2026-03-01T10:50:00Z', false],
    ['5/20 * * * *', '2026-03-01T10:45:00Z', true],
    ['5/20 * * * *', '2026-03-01T10:05:00Z', true],
    ['5/20 * * * *', '2026-03-01T10:20:00Z', false],
    ['0 9-17 * * *', '2026-03-01T17:00:00Z', true],
    ['0 9-17 * * *', '2026-03-01T18:00:00Z', false],
    ['0 9-17/4 * * *', '2026-03-01T13:00:00Z', true],
    ['0 9-17/4 * * *', '2026-03-01T15:00:00Z', false],
    ['0,30 8,20 * * *', '2026-03-01T20:30:00Z', true],
    ['0,30 8,20 * * *', '2026-03-01T20:15:00Z', false],
    ['0 0 1 * *', '2026-04-01T00:00:00Z', true],
    ['0 0 1 * *', '2026-04-02T00:00:00Z', false],
    ['0 0 * 2 *', '2026-02-14T00:00:00Z', true],
    ['0 0 * 2 *', '2026-03-14T00:00:00Z', false],
    // 2026-03-02 is a Monday, 2026-03-01 a Sunday.
    ['0 9 * * 1-5', '2026-03-02T09:00:00Z', true],
    ['0 9 * * 1-5', '2026-03-01T09:00:00Z', false],
    ['0 9 * * 7', '2026-03-01T09:00:00Z', true],
    ['0 9 * * 0', '2026-03-01T09:00:00Z', true],
    // Both day fields restricted: either one matching is enough (classic cron).
    ['0 9 15 * 1', '2026-03-02T09:00:00Z', true],
    ['0 9 15 * 1', '2026-03-15T09:00:00Z', true],
    ['0 9 15 * 1', '2026-03-03T09:00:00Z', false],
    // A stepped star still counts as unrestricted, so the other day field decides alone.
    ['0 9 */2 * 1', '2026-03-03T09:00:00Z', false],
  ])('%s at %s → %s', (expr, iso, expected) => {
    expect(matches(expr, iso)).toBe(expected)
  })

  it('evaluates in UTC whatever the local time zone', () => {
    const previous = process.env.TZ
    // UTC+14: 23:30 UTC on the 1st is 13:30 on the 2nd locally; the schedule must follow UTC.
    process.env.TZ = 'Pacific/Kiritimati'
    try {
      expect(new Date('2026-03-01T23:30:00Z').getDate()).toBe(2)
      expect(matches('30 23 1 * *', '2026-03-01T23:30:00Z')).toBe(true)
      expect(matches('30 13 2 * *', '2026-03-01T23:30:00Z')).toBe(false)
    } finally {
      if (previous === undefined) delete process.env.TZ
      else process.env.TZ = previous
    }
  })

  it.each(['* * * *', '* * * * * *', '60 * * * *', '* 24 * * *', '* * 0 * *', '* * * 13 *', '* * * * 8', '5-1 * * * *', '*/0 * * * *', 'a * * * *', '1,,2 * * * *', '1/2/3 * * * *', 'MON * * * *'])(
    'rejects %s',
    (expr) => {
      expect(() => parseCron(expr)).toThrow(CronSyntaxError)
    },
  )
})

describe('readVercelCrons', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cron-test-'))
  afterEach(() => rmSync(join(dir, 'vercel.json'), { force: true }))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads the crons list', () => {
    writeFileSync(join(dir, 'vercel.json'), JSON.stringify({ crons: [{ path: '/api/cron/outbox', schedule: '* * * * *' }] }))
    expect(readVercelCrons(join(dir, 'vercel.json'))).toEqual([{ path: '/api/cron/outbox', schedule: '* * * * *' }])
  })

  it('runs none when the file or the list is absent', () => {
    expect(readVercelCrons(join(dir, 'vercel.json'))).toEqual([])
    writeFileSync(join(dir, 'vercel.json'), JSON.stringify({ headers: [] }))
    expect(readVercelCrons(join(dir, 'vercel.json'))).toEqual([])
  })

  it("lists each of the project's cron routes once, every one of which exists", () => {
    const raw = readFileSync(join(import.meta.dirname, '..', '..', 'vercel.json'), 'utf8')
    // A second "crons" key would silently replace the first when parsed.
    expect(raw.match(/"crons"/g)).toHaveLength(1)
    const crons = readVercelCrons(join(import.meta.dirname, '..', '..', 'vercel.json'))
    // Every route under app/api/cron is scheduled, once …
    const routes = readdirSync(join(import.meta.dirname, '..', '..', 'app', 'api', 'cron'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(entry.parentPath, entry.name, 'route.ts')))
      .map((entry) => `/api/cron/${entry.name}`)
    expect(routes.length).toBeGreaterThan(0)
    expect(crons.map((c) => c.path).sort()).toEqual(routes.sort())
    // … and every schedule names a route that exists.
    for (const c of crons) expect(existsSync(join(import.meta.dirname, '..', '..', 'app', `${c.path}/route.ts`)), c.path).toBe(true)
  })

  it('refuses an entry with a bad schedule or path', () => {
    writeFileSync(join(dir, 'vercel.json'), JSON.stringify({ crons: [{ path: '/api/x', schedule: '* * *' }] }))
    expect(() => readVercelCrons(join(dir, 'vercel.json'))).toThrow(CronSyntaxError)
    writeFileSync(join(dir, 'vercel.json'), JSON.stringify({ crons: [{ path: 'api/x', schedule: '* * * * *' }] }))
    expect(() => readVercelCrons(join(dir, 'vercel.json'))).toThrow(/path/)
  })
})

describe('startCronRunner', () => {
  afterEach(() => vi.useRealTimers())

  it('calls due paths with the cron secret at the minute boundary, and only those', async () => {
    const calls: { url: string; headers: IncomingHttpHeaders }[] = []
    const server = createServer((req, res) => {
      calls.push({ url: req.url ?? '', headers: req.headers })
      res.end('ok')
    })
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    const { port } = server.address() as { port: number }
    const logs: string[] = []

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    vi.setSystemTime(new Date('2026-03-02T09:14:59.000Z'))
    const runner = startCronRunner({
      jobs: [
        { path: '/api/cron/reminders', schedule: '*/15 * * * *' },
        { path: '/api/cron/retention', schedule: '0 3 * * *' },
      ],
      appUrl: `http://127.0.0.1:${port}`,
      secret: 's3cret',
      log: (m) => logs.push(m),
    })
    try {
      await vi.advanceTimersByTimeAsync(1_100)
      vi.useRealTimers()
      await vi.waitFor(() => expect(logs).toHaveLength(1))
      expect(calls.map((c) => c.url)).toEqual(['/api/cron/reminders'])
      expect(calls[0]?.headers.authorization).toBe('Bearer s3cret')
      expect(calls[0]?.headers['user-agent']).toBe('vercel-cron/1.0')
      expect(logs[0]).toMatch(/^cron \/api\/cron\/reminders → 200 in \d+ ms$/)
    } finally {
      runner.stop()
      await new Promise((ok) => server.close(ok))
    }
  })
})
