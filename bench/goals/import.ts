// Issue #16: a CSV of clients imported through the real route (POST /api/import/clients, commit),
// timed end to end and with the app's RSS growth.
import { PROBE, type BenchContext } from '../support/context.ts'
import type { GoalReport } from '../support/report.ts'
import { measureRss } from '../support/rss.ts'
import { seeded } from '../support/seed.ts'
import { signInCookie } from '../support/session.ts'
import { mb, seconds, since } from '../support/stats.ts'

export const IMPORT_GOAL_MS = 10_000

/** `rows` clients in the shape a spreadsheet export has: half with a due date (and so milestones). */
function clientsCsv(rows: number): string {
  const today = Date.now()
  const lines = ['First name,Last name,Email,Phone,Due date,Status']
  for (let i = 0; i < rows; i++) {
    const due = i % 2 === 0 ? new Date(today + (30 + (i % 200)) * 86_400_000).toISOString().slice(0, 10) : ''
    lines.push(`Person${i},Imported,import-${i}@bench.local,555-${String(i).padStart(4, '0')},${due},${i % 3 === 0 ? 'lead' : 'booked'}`)
  }
  return lines.join('\r\n')
}

export async function benchImport(ctx: BenchContext, rows: number): Promise<GoalReport> {
  const cookie = await signInCookie(ctx.admin, ctx.app.url, seeded.doulaEmail(PROBE), '/dashboard')
  const csv = clientsCsv(rows)
  const start = performance.now()
  const { result, rss } = await measureRss(ctx.app.serverPid, async () => {
    const res = await fetch(`${ctx.app.url}/api/import/clients`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ csv, mapping: null, commit: true }),
    })
    const body = (await res.json()) as { imported?: number; error?: string }
    if (!res.ok) throw new Error(`import answered ${res.status}: ${body.error}`)
    return body.imported ?? 0
  })
  const elapsed = since(start)
  if (result !== rows) throw new Error(`imported ${result} of ${rows} rows`)
  return {
    title: `CSV import (#16): ${rows} clients through POST /api/import/clients`,
    rows: [
      { what: `import of ${rows} rows`, value: seconds(elapsed), goal: rows >= 5000 ? `< ${seconds(IMPORT_GOAL_MS)}` : undefined, pass: rows >= 5000 ? elapsed < IMPORT_GOAL_MS : undefined },
      { what: 'app RSS peak (growth)', value: `${mb(rss.peak)} (${mb(rss.growth)})` },
    ],
    notes: [`${mb(csv.length)} of CSV; every row becomes a client and a journey, half with a milestone timeline.`],
  }
}
