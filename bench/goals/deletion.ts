// Issue #7: deleting a practice with 500 clients among 2,000 practices through the real erasure job.
import { createClient } from '@supabase/supabase-js'
import type { OutgoingEmail } from '@/lib/email/send'
import { eraseAccount } from '@/lib/privacy/deletion/erase.service'
import { PROBE, type BenchContext } from '../support/context.ts'
import type { GoalReport } from '../support/report.ts'
import { seedPractices, seeded } from '../support/seed.ts'
import { ms, seconds, since } from '../support/stats.ts'

/** The database part of a deletion may take at most this long per 10,000 rows removed. */
export const DELETE_MS_PER_10K_GOAL = 1000

/** The owner's own client, signed in by a magic link just now (the job wants a sign-in under 5 minutes old). */
async function freshOwnerClient(ctx: BenchContext) {
  const { stack } = ctx.bench
  const { data, error } = await ctx.admin.auth.admin.generateLink({ type: 'magiclink', email: seeded.doulaEmail(PROBE) })
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

export async function benchDeletion(ctx: BenchContext): Promise<GoalReport> {
  const { sql } = ctx.bench.stack
  const { practices, deletionPractices, clients } = ctx.options
  const growStart = performance.now()
  if (deletionPractices > practices) await seedPractices(sql, practices + 1, deletionPractices, clients)
  const grown = since(growStart)

  const owner = await freshOwnerClient(ctx)
  const deletes: number[] = []
  const sent: OutgoingEmail[] = []
  const start = performance.now()
  const result = await eraseAccount(
    owner,
    { admin: timedAdmin(ctx, deletes), sendEmail: async (email) => sent.push(email) },
    { practiceId: seeded.practiceId(PROBE), typedName: seeded.practiceName(PROBE) },
  )
  const total = since(start)

  const rows = Object.values(result.counts).reduce((a, b) => a + b, 0)
  const database = deletes.reduce((a, b) => a + b, 0)
  const per10k = (database / rows) * 10_000
  const [left] = await sql<{ n: number }[]>`
    select (select count(*) from public.clients where practice_id = ${seeded.practiceId(PROBE)})
         + (select count(*) from storage.objects where name like ${`${seeded.practiceId(PROBE)}/%`}) as n`
  return {
    title: `Privacy (#7): deletion of a practice with ${clients} clients among ${deletionPractices} practices (lib/privacy/deletion)`,
    rows: [
      { what: 'whole job (checks, ledger, files, rows, logins, emails)', value: seconds(total) },
      { what: 'removed', value: `${rows} rows, ${result.files} files, ${result.loginsRemoved} logins` },
      { what: 'database part: DELETE of the practice row and its cascade', value: ms(database) },
      {
        what: 'database part per 10,000 rows',
        value: ms(per10k),
        goal: `≤ ${DELETE_MS_PER_10K_GOAL} ms`,
        pass: per10k <= DELETE_MS_PER_10K_GOAL && deletes.length === 1,
      },
      { what: 'left behind (client rows + objects)', value: String(Number(left!.n)), goal: '0', pass: Number(left!.n) === 0 },
    ],
    notes: [
      `Grew the database from ${practices} to ${deletionPractices} practices in ${seconds(grown)} before deleting.`,
      `The job ran in-process with the service role, as the app's action runs it; its ${sent.length} emails were rendered and handed to a collecting sender instead of the mail API.`,
    ],
  }
}
