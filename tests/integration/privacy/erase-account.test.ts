import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OutgoingEmail } from '@/lib/email/send'
import { AppError } from '@/lib/errors'
import { eraseAccount, resumeOpenErasures } from '@/lib/privacy/deletion/erase.service'
import { requireAccountEraser } from '@/lib/privacy/deletion/authorize-erasure'
import { runErasure, type ErasureDeps } from '@/lib/privacy/deletion/run-erasure.service'
import { clientAs, serviceApiClient } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { stripeClient } from '../../helpers/stripe.ts'
import { createWorld, type World } from '../../helpers/world.ts'
import { refreshRefusal, signIn, useAppEnv, type SignedIn, TEST_META } from '../../helpers/app-session.ts'
import { fillEverything } from '../../helpers/rows.ts'
import { BUCKET, deniedAttempts, withFiles, subscribeAtStripe, loginExists, mailTo, objectCount, practiceChecksum, rowCounts, rowsMentioning, withoutAudit } from './fixtures.ts'

const sql = superuser()
afterAll(() => sql.end())

let sendEmail: (email: OutgoingEmail) => Promise<unknown>
beforeAll(async () => {
  useAppEnv()
  ;({ sendEmail } = await import('@/lib/email/send'))
})

const deps = (overrides: Partial<ErasureDeps> = {}): ErasureDeps => ({
  admin: serviceApiClient(),
  sendEmail,
  batchSize: 2,
  ...overrides,
})

async function openJobs(practiceId: string) {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from private.practice_deletions where practice_id = ${practiceId}`
  return row!.n
}

describe('deleting the account of practice A', () => {
  let world: World
  let practiceName: string
  let before: Record<string, number>
  /** The receipt's counts: `before` plus the audit rows of the refused attempts. */
  let erased: Record<string, number>
  let checksumB: string
  let stripeIds: { customer: string; subscription: string }
  const sessions = new Map<string, SignedIn>()

  beforeAll(async () => {
    world = await createWorld(sql)
    const ownerA = world.personas.ownerA.user!.id
    await fillEverything(sql, world.a1, ownerA, withFiles(3))
    await fillEverything(sql, world.a3, ownerA, withFiles(2))
    await fillEverything(sql, world.b1, world.b.owner.id, withFiles(2))
    stripeIds = await subscribeAtStripe(sql, world.a.id)
    const [practice] = await sql<{ name: string }[]>`select name from public.practices where id = ${world.a.id}`
    practiceName = practice!.name
    for (const key of ['ownerA', 'adminA', 'doulaA', 'clientA1', 'clientA2', 'doulaBClientA', 'doulaB'] as const) {
      sessions.set(key, await signIn(world.personas[key].user!))
    }
    sessions.set('ownerB', await signIn(world.b.owner))
    before = await rowCounts(sql, world.a.id)
    checksumB = await practiceChecksum(sql, world.b.id)
  }, 60_000)

  it('has data of A in every tenant table and files under its prefix to begin with', async () => {
    for (const [table, n] of Object.entries(before)) expect({ table, some: n > 0 }).toEqual({ table, some: true })
    expect(await objectCount(sql, `${world.a.id}/`)).toBe(7)
  })

  it.each([
    ['adminA', 1],
    ['doulaA', 1],
    ['clientA1', 1],
    ['doulaBClientA', 1],
    // Not of the practice: her attempt cannot go on its trail.
    ['ownerB', 0],
  ] as const)('refuses %s, deletes nothing, and audits the attempt %i time(s)', async (who, audited) => {
    const actor = who === 'ownerB' ? world.b.owner.id : world.personas[who].user!.id
    await expect(eraseAccount(sessions.get(who)!.client, deps(), { practiceId: world.a.id, typedName: practiceName, meta: TEST_META })).rejects.toMatchObject({
      code: 'forbidden',
    })
    expect(withoutAudit(await rowCounts(sql, world.a.id))).toEqual(withoutAudit(before))
    expect(await deniedAttempts(sql, world.a.id, actor, 'account.erase')).toBe(audited)
    expect(await objectCount(sql, `${world.a.id}/`)).toBe(7)
    expect(await openJobs(world.a.id)).toBe(0)
  })

  it('refuses the owner when the typed name does not match, and audits the attempt', async () => {
    const owner = world.personas.ownerA.user!.id
    const audited = await deniedAttempts(sql, world.a.id, owner, 'account.erase')
    const attempt = eraseAccount(sessions.get('ownerA')!.client, deps(), { practiceId: world.a.id, typedName: 'Practice', meta: TEST_META })
    await expect(attempt).rejects.toBeInstanceOf(AppError)
    await expect(attempt).rejects.toMatchObject({ code: 'validation' })
    expect(await openJobs(world.a.id)).toBe(0)
    expect(await deniedAttempts(sql, world.a.id, owner, 'account.erase')).toBe(audited + 1)
  })

  it('refuses the owner without a sign-in from the last five minutes (S49)', async () => {
    const session = sessions.get('ownerA')!.client
    const sixMinutesOn = Math.floor(Date.now() / 1000) + 6 * 60
    await expect(requireAccountEraser(session, world.a.id, practiceName, sixMinutesOn)).rejects.toMatchObject({ code: 'unauthorized' })
    await expect(requireAccountEraser(session, world.a.id, practiceName)).resolves.toMatchObject({ role: 'owner' })
    // A token that proves no sign-in time at all (no amr) is never fresh.
    const noSignInTime = await clientAs(world.personas.ownerA.user!)
    await expect(eraseAccount(noSignInTime, deps(), { practiceId: world.a.id, typedName: practiceName, meta: TEST_META })).rejects.toMatchObject({
      code: 'unauthorized',
    })
    expect(await openJobs(world.a.id)).toBe(0)
  })

  it('erases A completely, keeps B intact, and sends a receipt with the counts that were there', async () => {
    const owner = world.personas.ownerA.user!
    // The refused attempts above added their audit rows since `before`.
    const there = await rowCounts(sql, world.a.id)
    expect(withoutAudit(there)).toEqual(withoutAudit(before))
    const result = await eraseAccount(sessions.get('ownerA')!.client, deps(), { practiceId: world.a.id, typedName: ` ${practiceName} `, meta: TEST_META })

    expect(result.counts).toEqual(there)
    erased = result.counts
    // Five documents and the two clients' signed agreement PDFs.
    expect(result.files).toBe(7)
    // Billing ended first, at Stripe: the subscription cancelled at once, the customer deleted.
    expect(result.billing).toBe('cancelled')
    expect((await stripeClient().subscriptions.retrieve(stripeIds.subscription)).status).toBe('canceled')
    expect(await stripeClient().customers.retrieve(stripeIds.customer)).toMatchObject({ deleted: true })
    expect(result.loginsRemoved).toBe(5)

    expect(await rowsMentioning(sql, world.a.id)).toEqual({})
    expect(await objectCount(sql, `${world.a.id}/`)).toBe(0)
    const { data: listed } = await serviceApiClient().storage.from(BUCKET).list(world.a.id)
    expect(listed).toEqual([])
    expect(await practiceChecksum(sql, world.b.id)).toBe(checksumB)

    for (const key of ['ownerA', 'adminA', 'doulaA', 'clientA1', 'clientA2'] as const) {
      expect({ key, exists: await loginExists(sql, world.personas[key].user!.id) }).toEqual({ key, exists: false })
      expect({ key, refused: (await refreshRefusal(sessions.get(key)!.refreshToken)) !== null }).toEqual({ key, refused: true })
    }
    for (const key of ['doulaBClientA', 'doulaB'] as const) {
      expect({ key, exists: await loginExists(sql, world.personas[key].user!.id) }).toEqual({ key, exists: true })
      expect({ key, refusal: await refreshRefusal(sessions.get(key)!.refreshToken) }).toEqual({ key, refusal: null })
    }

    const [receipt] = await mailTo(owner.email)
    expect(receipt!.subject).toBe('Your DoulaOS deletion receipt')
    for (const [table, n] of Object.entries(there)) expect(receipt!.text).toContain(`${table.replaceAll('_', ' ')}: ${n}`)
    expect(receipt!.text).toContain('Files: 7')
    expect(receipt!.text).toContain('Logins removed: 5')
    expect(receipt!.text).toContain('Billing: subscription cancelled at once (no further invoices); your Stripe customer record and saved cards deleted')
    for (const key of ['clientA1', 'clientA2', 'doulaBClientA'] as const) {
      const mail = await mailTo(world.personas[key].user!.email)
      expect(mail.map((m) => m.subject)).toEqual(['Your data on DoulaOS was deleted'])
      expect(mail[0]!.text).not.toMatch(/Alma|Bea|Cora|birth plan|Private observation/i)
    }

    const [ledger] = await sql<{ step: string; practice_id: string | null; receipt: object; files_removed: number; subject_hash: string }[]>`
      select step, practice_id, receipt, files_removed, subject_hash from private.practice_deletions where id = ${result.jobId}`
    // S48: what a restore needs to re-apply the erasure, and nothing that identifies the practice.
    const hash = createHash('sha256').update(world.a.id, 'utf8').digest('hex')
    expect(ledger).toEqual({ step: 'done', practice_id: null, receipt: {}, files_removed: 7, subject_hash: hash })
  })

  it('is idempotent: running the finished job again changes nothing and sends nothing', async () => {
    const owner = world.personas.ownerA.user!
    const [last] = await sql<{ id: string }[]>`select id from private.practice_deletions order by created_at desc limit 1`
    const again = await runErasure(deps(), last!.id)
    expect(again.counts).toEqual(erased)
    expect(await mailTo(owner.email)).toHaveLength(1)
  })
})

describe('an erasure interrupted halfway through object removal', () => {
  it('resumes where it stopped and reaches the same end state', async () => {
    const world = await createWorld(sql)
    const ownerA = world.personas.ownerA.user!
    await fillEverything(sql, world.a1, ownerA.id, withFiles(4))
    await fillEverything(sql, world.a2, ownerA.id, withFiles(3))
    const [practice] = await sql<{ name: string }[]>`select name from public.practices where id = ${world.a.id}`
    const name = practice!.name
    const before = await rowCounts(sql, world.a.id)
    const checksumB = await practiceChecksum(sql, world.b.id)
    const owner = await signIn(ownerA)

    const admin = serviceApiClient()
    let removed = 0
    const failingAfterFour = async (paths: string[]) => {
      if (removed >= 4) throw new Error('injected: storage went away')
      const { data, error } = await admin.storage.from(BUCKET).remove(paths)
      if (error) throw error
      removed += data.length
      return data.length
    }
    await expect(
      eraseAccount(owner.client, deps({ removeObjects: failingAfterFour }), { practiceId: world.a.id, typedName: name, meta: TEST_META }),
    ).rejects.toThrow('injected')

    // Stopped between batches: the records went first (the practice locked, so nothing new lands),
    // four of the nine objects (seven documents, two form PDFs) are gone, the open ledger (the
    // lock) is all that still names the practice.
    expect(await rowsMentioning(sql, world.a.id)).toEqual({ 'private.practice_deletions': 1 })
    expect(await objectCount(sql, `${world.a.id}/`)).toBe(5)
    const [ledger] = await sql<{ id: string; step: string; files_removed: number; last_error: string; attempts: number }[]>`
      select id, step, files_removed, last_error, attempts from private.practice_deletions where practice_id = ${world.a.id}`
    expect(ledger).toMatchObject({ step: 'storage', files_removed: 4, last_error: 'injected: storage went away', attempts: 1 })

    // Her practice is gone, so she cannot confirm again; the retention cron finds the open job and
    // resumes it where it stopped, not recounted.
    await expect(eraseAccount(owner.client, deps(), { practiceId: world.a.id, typedName: name, meta: TEST_META })).rejects.toMatchObject({ code: 'forbidden' })
    expect(await resumeOpenErasures(deps(), 0)).toEqual({ resumed: 1, failed: 0 })
    const result = await runErasure(deps(), ledger!.id)
    expect(result.jobId).toBe(ledger!.id)
    expect(result.counts).toEqual(before)
    expect(result.files).toBe(9)
    expect(await rowsMentioning(sql, world.a.id)).toEqual({})
    expect(await objectCount(sql, `${world.a.id}/`)).toBe(0)
    expect(await practiceChecksum(sql, world.b.id)).toBe(checksumB)
    expect(await loginExists(sql, ownerA.id)).toBe(false)
    expect(await loginExists(sql, world.personas.doulaBClientA.user!.id)).toBe(true)
    const [done] = await sql<{ files_removed: number; attempts: number }[]>`
      select files_removed, attempts from private.practice_deletions where id = ${ledger!.id}`
    expect(done).toEqual({ files_removed: 9, attempts: 2 })
    const orphans = await sql<{ storage_path: string }[]>`select storage_path from public.client_files_mismatches()`
    expect(orphans.filter((o) => o.storage_path.startsWith(world.a.id))).toEqual([])
    expect((await mailTo(ownerA.email)).map((m) => m.subject)).toEqual(['Your DoulaOS deletion receipt'])
  }, 60_000)
})
