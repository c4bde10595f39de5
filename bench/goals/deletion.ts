// Issue #7: deleting a practice with 500 clients among 2,000 practices through the real erasure job.
import { createClient } from '@supabase/supabase-js'
import type { OutgoingEmail } from '@/lib/email/send'
import { eraseAccount } from '@/lib/privacy/deletion/erase.service'
import { PROBE, type BenchContext } from '../support/context.ts'
import type { GoalReport } from '../support/report.ts'
import { seedPractices, seeded } from '../support/seed.ts'
import { median, ms, seconds, since } from '../support/stats.ts'

/** The database part of a deletion may take at most this long per 10,000 rows removed. */
export const DELETE_MS_PER_10K_GOAL = 1000

/** Practices deleted one after another: the probe (files, portal login), then two plain ones. */
const DELETED = [PROBE, PROBE + 1, PROBE + 2]

/** The owner's own client, signed in by a magic link just now (the job wants a sign-in under 5 minutes old). */
async function freshOwnerClient(ctx: BenchContext, p: number) {
  const { stack } = ctx.bench
  const { data, error } = await ctx.admin.auth.admin.generateLink({ type: 'magiclink', email: seeded.doulaEmail(p) })
  if (error) throw new Error(`Could not mint a magic link: ${error.message}`)
  const owner = createClient(stack.apiUrl, stack.anonKey, { auth: { persistSession: false, autoRefreshToken: false } })
  const verified = await owner.auth.verifyOtp({ token_hash: data.properties.hashed_token, type: 'magiclink' })
  if (verified.error) throw new Error(`Could not sign the owner in: ${verified.error.message}`)
  return owner
}

/**
 * A service-role client whose calls are timed: the DELETE of the practice row (the cascade does the
 * rest) is the job's database part, apart from its Storage, Auth and ledger calls.
 */
function timedAdmin(ctx: BenchContext, deletes: number[]) {
  const { stack } = ctx.bench
  const timedFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString())
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET')
    const start = performance.now()
    const res = await fetch(input, init)
    if (method === 'DELETE' && url.pathname === '/rest/v1/practices') {
      await res.clone().arrayBuffer()
      deletes.push(since(start))
    }
    return res
  }
  return createClient(stack.apiUrl, stack.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false }, global: { fetch: timedFetch } })
}

interface Deletion {
  p: number
  total: number
  rows: number
  files: number
  logins: number
  database: number
  deletes: number
  emails: number
}

async function erase(ctx: BenchContext, p: number): Promise<Deletion> {
  const owner = await freshOwnerClient(ctx, p)
  const deletes: number[] = []
  const sent: OutgoingEmail[] = []
  const start = performance.now()
  const result = await eraseAccount(
    owner,
    { admin: timedAdmin(ctx, deletes), sendEmail: async (email) => sent.push(email) },
    { practiceId: seeded.practiceId(p), typedName: seeded.practiceName(p), meta: { ip: null, userAgent: 'bench' } },
  )
  return {
    p,
    total: since(start),
    rows: Object.values(result.counts).reduce((a, b) => a + b, 0),
    files: result.files,
    logins: result.loginsRemoved,
    database: deletes.reduce((a, b) => a + b, 0),
    deletes: deletes.length,
    emails: sent.length,
  }
}

const per10k = (d: Deletion) => (d.database / d.rows) * 10_000

export async function benchDeletion(ctx: BenchContext): Promise<GoalReport> {
  const { sql } = ctx.bench.stack
  const { practices, deletionPractices, clients } = ctx.options
  const growStart = performance.now()
  if (deletionPractices > practices) await seedPractices(sql, practices + 1, deletionPractices, clients)
  const grown = since(growStart)

  const runs: Deletion[] = []
  for (const p of DELETED) runs.push(await erase(ctx, p))
  const probe = runs[0]!
  const typical = median(runs.map(per10k))
  const [left] = await sql<{ n: number }[]>`
    select (select count(*) from public.clients where practice_id = any(${DELETED.map(seeded.practiceId)}::uuid[]))
         + (select count(*) from storage.objects where name like ${`${seeded.practiceId(PROBE)}/%`}) as n`
  return {
    title: `Privacy (#7): deletion of practices with ${clients} clients among ${deletionPractices} practices (lib/privacy/deletion)`,
    rows: [
      { what: 'whole job, practice with files (checks, ledger, files, rows, logins, emails)', value: seconds(probe.total) },
      { what: 'removed', value: `${probe.rows} rows, ${probe.files} files, ${probe.logins} logins` },
      ...runs.map((d, i) => ({
        what: `database part, deletion ${i + 1}${i === 0 ? ' (the first, cold)' : ''}`,
        value: `${ms(d.database)} = ${ms(per10k(d))} per 10,000 rows`,
      })),
      {
        what: `database part per 10,000 rows, median of ${runs.length}`,
        value: ms(typical),
        goal: `≤ ${DELETE_MS_PER_10K_GOAL} ms`,
        pass: typical <= DELETE_MS_PER_10K_GOAL && runs.every((d) => d.deletes === 1),
      },
      { what: 'left behind (client rows + objects)', value: String(Number(left!.n)), goal: '0', pass: Number(left!.n) === 0 },
    ],
    notes: [
      `Grew the database from ${practices} to ${deletionPractices} practices in ${seconds(grown)} before deleting.`,
      'The database part is the DELETE of the practice row, whose cascade removes the rest.',
      `The jobs ran in-process with the service role, as the app's action runs them; their ${runs.reduce((a, d) => a + d.emails, 0)} emails were rendered and handed to a collecting sender instead of the mail API.`,
    ],
  }
}
