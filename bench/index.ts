// npm run bench -- [--only=export,upload,render,portal,paperwork,webhook,import,runners,delete] [--practices=1000] [--clients=500]
//   [--deletion-practices=2000] [--requests=100] [--concurrency=10] [--profiles=30] [--export-mb=200]
//   [--upload-mb=20] [--webhook-events=200] [--webhook-concurrency=20] [--import-rows=5000] [--runner-journeys=100000]
//   [--runner-runs=5] [--skip-build] [--quick]
//
// --quick: tiny sizes (2 practices × 4 clients, a few requests) so CI proves every goal still runs;
// its timings mean nothing and its PASS/MISS verdicts do not fail it. A goal's failures (the runners'
// plan checks, and their time goal at full scale) fail the bench in either mode.
//
// The app's speed goals (issues #5, #6, #7, #14, #15, #16) measured through its real routes: a production build
// served by `next start` against an ephemeral stand-in holding bulk-seeded practices. Prints one
// table per goal with PASS/MISS. Timing goals live here, never in the tests.
import { parseArgs } from 'node:util'
import { benchDeletion } from './goals/deletion.ts'
import { benchExport, storePracticeFiles } from './goals/export.ts'
import { benchImport } from './goals/import.ts'
import { benchPaperwork } from './goals/paperwork.ts'
import { benchPortalHome, benchUpload } from './goals/portal.ts'
import { benchRender } from './goals/render.ts'
import { benchRunners } from './goals/runners.ts'
import { benchWebhook } from './goals/webhook.ts'
import type { SupabaseClient } from '@supabase/supabase-js'
import { buildApp, startApp, startBenchEnv, type BenchEnv } from './support/app.ts'
import { PROBE, type BenchContext, type BenchOptions } from './support/context.ts'
import { failed, missed, printReport, type GoalReport } from './support/report.ts'
import { grantPortalAccess, seedPractices } from './support/seed.ts'
import { adminClient } from './support/session.ts'
import { MIB, seconds, since } from './support/stats.ts'

const GOALS = ['export', 'upload', 'render', 'portal', 'paperwork', 'webhook', 'import', 'runners', 'delete'] as const
/** Goals that measure the app's memory: each gets a freshly started server. */
const MEMORY_GOALS: readonly Goal[] = ['export', 'upload', 'paperwork', 'import']
type Goal = (typeof GOALS)[number]

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    practices: { type: 'string' },
    clients: { type: 'string' },
    'deletion-practices': { type: 'string' },
    requests: { type: 'string' },
    concurrency: { type: 'string' },
    profiles: { type: 'string' },
    'export-mb': { type: 'string' },
    'upload-mb': { type: 'string' },
    'webhook-events': { type: 'string' },
    'webhook-concurrency': { type: 'string' },
    'import-rows': { type: 'string' },
    'runner-journeys': { type: 'string' },
    'runner-runs': { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
  },
})

/** Full-scale defaults, and the quick ones; an option given on the command line wins over both. */
const DEFAULTS = {
  full: { practices: '1000', clients: '500', 'deletion-practices': '2000', requests: '100', concurrency: '10', profiles: '30', 'export-mb': '200', 'upload-mb': '20', 'webhook-events': '200', 'webhook-concurrency': '20', 'import-rows': '5000', 'runner-journeys': '100000', 'runner-runs': '5' },
  quick: { practices: '2', clients: '4', 'deletion-practices': '3', requests: '4', concurrency: '2', profiles: '2', 'export-mb': '1', 'upload-mb': '1', 'webhook-events': '6', 'webhook-concurrency': '3', 'import-rows': '20', 'runner-journeys': '4000', 'runner-runs': '2' },
}
const given = (name: keyof typeof DEFAULTS.full) => values[name] ?? DEFAULTS[values.quick ? 'quick' : 'full'][name]

function int(name: string, raw: string | undefined, min: number, max: number): number {
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name}: expected an integer from ${min} to ${max}, got ${raw}`)
  return n
}

function selectedGoals(raw: string | undefined): Goal[] {
  if (!raw) return [...GOALS]
  const asked = raw.split(',').map((g) => g.trim())
  const unknown = asked.filter((g) => !(GOALS as readonly string[]).includes(g))
  if (unknown.length > 0) throw new Error(`--only: unknown ${unknown.join(', ')}; choose from ${GOALS.join(', ')}`)
  return GOALS.filter((g) => asked.includes(g))
}

const options: BenchOptions = {
  practices: int('practices', given('practices'), 2, 5_000),
  clients: int('clients', given('clients'), 2, 2_000),
  deletionPractices: 0,
  requests: int('requests', given('requests'), 1, 10_000),
  concurrency: int('concurrency', given('concurrency'), 1, 100),
  profiles: int('profiles', given('profiles'), 1, 1_000),
  exportMb: int('export-mb', given('export-mb'), 0, 2_000),
  // "20 MB" as the route's limit counts it: 20 MiB is the largest upload it accepts.
  uploadBytes: int('upload-mb', given('upload-mb'), 1, 20) * MIB,
}
const webhookEvents = int('webhook-events', given('webhook-events'), 1, 10_000)
const webhookConcurrency = int('webhook-concurrency', given('webhook-concurrency'), 1, 100)
const importRows = int('import-rows', given('import-rows'), 1, 5_000)
const runnerScale = { journeys: int('runner-journeys', given('runner-journeys'), 200, 1_000_000), runs: int('runner-runs', given('runner-runs'), 1, 100) }
options.deletionPractices = int('deletion-practices', given('deletion-practices'), options.practices, 10_000)
const goals = selectedGoals(values.only)

const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const start = performance.now()
  const result = await work()
  console.log(`${label}: ${seconds(since(start))}`)
  return result
}

/** The goals measured through the app: a production build on bulk-seeded practices. */
async function appGoalReports(bench: BenchEnv, admin: SupabaseClient, appGoals: Exclude<Goal, 'runners'>[]): Promise<GoalReport[]> {
  const reports: GoalReport[] = []
  if (appGoals.length === 0) return reports
  if (!values['skip-build']) await step('next build', () => buildApp(bench))
  const { sql } = bench.stack
  await step(`Seeded ${options.practices} practices × ${options.clients} clients`, () => seedPractices(sql, 1, options.practices, options.clients))
  await grantPortalAccess(sql, PROBE)
  const files = appGoals.includes('export') || appGoals.includes('delete')
    ? await step(`Stored ${options.exportMb} MiB of files`, () => storePracticeFiles(admin, PROBE, options.exportMb, options.clients))
    : new Map<string, string>()
  let app = await step('next start', () => startApp(bench))
  try {
    let used = false
    // Memory goals first, each on a fresh server; the deletion destroys the probe practice, so it is last.
    for (const goal of appGoals) {
      if (used && MEMORY_GOALS.includes(goal)) {
        await app.stop()
        app = await step('next start (fresh server)', () => startApp(bench))
      }
      used = true
      const ctx: BenchContext = { bench, app, admin, options }
      const report = await step(`Goal ${goal}`, () => {
        switch (goal) {
          case 'upload':
            return benchUpload(ctx)
          case 'export':
            return benchExport(ctx, files)
          case 'render':
            return benchRender(ctx)
          case 'portal':
            return benchPortalHome(ctx)
          case 'paperwork':
            return benchPaperwork(ctx)
          case 'webhook':
            return benchWebhook(ctx, webhookEvents, webhookConcurrency)
          case 'import':
            return benchImport(ctx, importRows)
          case 'delete':
            return benchDeletion(ctx)
        }
      })
      reports.push(report)
    }
  } finally {
    await app.stop()
  }
  return reports
}

async function main() {
  const bench = await startBenchEnv()
  const reports: GoalReport[] = []
  try {
    // The runners count what is due across the whole database: they run first, on their own practices.
    if (goals.includes('runners')) reports.push(await step('Goal runners', () => benchRunners(bench.stack, runnerScale, values.quick)))
    // Every other goal goes through the app; with none of them, nothing is built or started.
    const appGoals = goals.filter((g): g is Exclude<Goal, 'runners'> => g !== 'runners')
    reports.push(...(await appGoalReports(bench, adminClient(bench.stack), appGoals)))
  } finally {
    await bench.stop()
  }
  for (const report of reports) printReport(report)
  const misses = missed(reports)
  console.log(`\n${misses.length === 0 ? 'Every goal met.' : `${misses.length} goal(s) missed: ${misses.map((m) => m.what).join('; ')}`}`)
  console.log('Timings depend on the machine and its load: compare runs on the same machine.')
  if (values.quick) console.log('This was a --quick run: its sizes are too small for the timings or the verdicts to mean anything.')
  const failures = failed(reports)
  if (failures.length > 0) {
    console.log(`\nFAILED: ${failures.join('; ')}`)
    // Not process.exitCode: the stand-in's WebAssembly SQL parser resets it when the process ends.
    process.exit(1)
  }
}

await main()
