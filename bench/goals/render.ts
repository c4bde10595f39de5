// Issue #5: server render of the doula's Today page, client list and client page.
import { PROBE, type BenchContext } from '../support/context.ts'
import { DELAY_MS, profileFloor, profilePage, type PageProbe, type PageProfile } from '../support/page-profile.ts'
import type { GoalReport, Measurement } from '../support/report.ts'
import { seeded } from '../support/seed.ts'
import { signInCookie } from '../support/session.ts'
import { ms } from '../support/stats.ts'

/** Render time outside data fetching may be at most this share of the data time. */
export const OVERHEAD_GOAL = 0.25
/**
 * The fewest rounds a dashboard page can take: the membership lookup (which practice she is in),
 * then the page's own queries, all at once. Any further round is a fetch waiting on another.
 */
export const DASHBOARD_ROUNDS = 2

const percent = (share: number) => `${(share * 100).toFixed(0)}%`

export interface PageGoals {
  /** The most sequential rounds of Supabase calls the page may take. */
  rounds: number
  /** The most render − data may be, as a share of data; without it the share is reported only. */
  overhead?: number
}

/** `floor`: the median time of the 404 page, which reads no data, for the same person. */
export function pageRows(name: string, profile: PageProfile, floor: number, goals: PageGoals, concurrency: number): Measurement[] {
  const overhead: Measurement = { what: `${name}: render − data`, value: `${percent(profile.overheadShare)} of data` }
  if (goals.overhead !== undefined) {
    overhead.goal = `≤ ${percent(goals.overhead)} of data`
    overhead.pass = profile.overheadShare <= goals.overhead
  }
  return [
    { what: `${name}: p50 / p95, ${concurrency} concurrent`, value: `${ms(profile.p50)} / ${ms(profile.p95)}` },
    { what: `${name}: one render, of which data`, value: `${ms(profile.total)}, ${ms(profile.data)}` },
    overhead,
    { what: `${name}: the 404 page (no data) takes`, value: `${ms(floor)} = ${percent(floor / profile.data)} of this page's data` },
    { what: `${name}: render − data with ${DELAY_MS} ms per call`, value: `${percent(profile.delayedOverheadShare)} of data` },
    { what: `${name}: one render gzipped by next start`, value: ms(profile.gzipTotal) },
    {
      what: `${name}: sequential rounds of Supabase calls`,
      value: `${profile.rounds} (${profile.calls} calls; ${ms(profile.delayedTotal)} at ${DELAY_MS} ms per call)`,
      goal: `${goals.rounds} (no waterfall)`,
      pass: profile.rounds <= goals.rounds,
    },
  ]
}

export async function benchRender(ctx: BenchContext): Promise<GoalReport> {
  const cookie = await signInCookie(ctx.admin, ctx.app.url, seeded.doulaEmail(PROBE), '/dashboard')
  const pages: PageProbe[] = [
    { name: 'Today', path: '/dashboard', expect: 'Pipeline' },
    { name: 'Client list', path: '/dashboard/clients', expect: 'N0001' },
    { name: 'Client page', path: `/dashboard/clients/${seeded.clientId(PROBE, 2)}`, expect: 'N0002' },
  ]
  const report: GoalReport = {
    title: `Render (#5): the doula of a practice with ${ctx.options.clients} clients among ${ctx.options.practices} practices`,
    rows: [],
    notes: [
      `"data" is the wall time during which at least one Supabase call the render made was in flight (timed by a pass-through proxy between the app and the stand-in), median over ${ctx.options.profiles} renders run alone; latencies are over ${ctx.options.requests} requests.`,
      `Rounds are counted with every call held ${DELAY_MS} ms (a hosted Supabase's round trip), so calls issued together overlap and a call that starts after another has answered is waiting on it; the call lists below come from that run.`,
      `Pages are requested uncompressed, as the Vercel function that renders them answers (Vercel's CDN compresses); "gzipped by next start" is the same page compressed in-process, as a self-hosted \`next start\` serves it.`,
      `The 404 page is the floor any page pays before its own work: the proxy's session check, the root layout, React's render and Next's response, timed the same way for the same person.`,
    ],
  }
  const profiles: [PageProbe, PageProfile][] = []
  for (const page of pages) profiles.push([page, await profilePage(ctx, cookie, page)])
  // Timed last, on a server the pages have warmed, so the floor is not inflated by a cold start.
  const floor = await profileFloor(ctx, cookie)
  for (const [page, profile] of profiles) {
    report.rows.push(...pageRows(page.name, profile, floor, { rounds: DASHBOARD_ROUNDS, overhead: OVERHEAD_GOAL }, ctx.options.concurrency))
    report.notes.push(`${page.name} (${page.path.replace(/[0-9a-f-]{36}/, '<client>')}): ${profile.chain.join('; ')}`)
  }
  return report
}
