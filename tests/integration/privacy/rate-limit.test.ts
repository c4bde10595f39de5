import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OutgoingEmail } from '@/lib/email/send'
import { eraseAccount, eraseClient } from '@/lib/privacy/deletion/erase.service'
import { authorizeExport } from '@/lib/privacy/export/authorize-export'
import { errorResponse } from '@/lib/server/http'
import { enforceRateLimit, RATE_LIMITS, RateLimitedError, type RateLimit } from '@/lib/security/rate-limit'
import { adminDb, signIn, useAppEnv, TEST_META } from '../../helpers/app-session.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld } from '../../helpers/world.ts'
import { deniedAttempts } from './fixtures.ts'

const sql = superuser()
afterAll(() => sql.end())

let sendEmail: (email: OutgoingEmail) => Promise<unknown>
beforeAll(async () => {
  useAppEnv()
  ;({ sendEmail } = await import('@/lib/email/send'))
})

const LIMIT: RateLimit = { action: 'test.burst', max: 5, windowSeconds: 3600, what: 'test requests' }

/** The outcome of each attempt: 'ok', or the seconds the refusal asks to wait. */
async function attempts(subject: string, n: number, limit = LIMIT) {
  const outcomes: (string | number)[] = []
  for (let i = 0; i < n; i++) {
    try {
      await enforceRateLimit(adminDb(), subject, limit)
      outcomes.push('ok')
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error
      outcomes.push(error.retryAfterSeconds)
    }
  }
  return outcomes
}

/** Spends a user's whole allowance of `limit`, `ago` before now, straight in the table. */
async function exhaust(subject: string, limit: RateLimit, ago: string) {
  await sql`
    insert into private.rate_limit_hits (subject, action, hit_at)
    select ${subject}, ${limit.action}, now() - ${ago}::interval from generate_series(1, ${limit.max})`
}

describe('rate limits kept in Postgres', () => {
  it('allows max requests per window, then refuses with the wait and a message saying when', async () => {
    const subject = randomUUID()
    const outcomes = await attempts(subject, 7)
    expect(outcomes.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok'])
    for (const wait of outcomes.slice(5)) expect(wait).toSatisfy((s: number) => s > 3590 && s <= 3600)
    await expect(enforceRateLimit(adminDb(), subject, LIMIT)).rejects.toMatchObject({
      code: 'rate_limited',
      message: 'You can make 5 test requests an hour. Please try again in 60 minutes.',
    })
  })

  it('counts per user and per action, and refusals do not extend the wait', async () => {
    const subject = randomUUID()
    await exhaust(subject, LIMIT, '50 minutes')
    expect(await attempts(subject, 3)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)])
    const [wait] = await attempts(subject, 1)
    expect(wait).toSatisfy((s: number) => s > 590 && s <= 600)
    const [counted] = await sql<{ n: number }[]>`select count(*)::int as n from private.rate_limit_hits where subject = ${subject}`
    expect(counted!.n).toBe(LIMIT.max)
    expect(await attempts(randomUUID(), 1)).toEqual(['ok'])
    expect(await attempts(subject, 1, { ...LIMIT, action: 'test.other' })).toEqual(['ok'])
  })

  it('slides: requests older than the window no longer count', async () => {
    const subject = randomUUID()
    await exhaust(subject, LIMIT, '61 minutes')
    expect(await attempts(subject, 1)).toEqual(['ok'])
  })

  it('lets exactly max of a burst of concurrent requests through', async () => {
    const subject = randomUUID()
    const settled = await Promise.allSettled(Array.from({ length: 12 }, () => enforceRateLimit(adminDb(), subject, LIMIT)))
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(5)
    expect(settled.filter((s) => s.status === 'rejected').every((s) => s.reason instanceof RateLimitedError)).toBe(true)
  })

  it('is the server’s alone: a signed-in user cannot spend or reset anyone’s allowance', async () => {
    const world = await createWorld(sql)
    const { client } = await signIn(world.personas.ownerA.user!)
    const { error } = await client.rpc('consume_rate_limit', { subject: randomUUID(), action: 'x', max_hits: 1000, window_seconds: 60 })
    expect(error?.code).toBe('42501')
  })
})

describe('the export limit', () => {
  it('lets an owner export 5 times an hour, then answers 429 with Retry-After and audits the refusal', async () => {
    const world = await createWorld(sql)
    const owner = world.personas.ownerA.user!
    const { client } = await signIn(owner)
    for (let i = 0; i < RATE_LIMITS.export.max; i++) await authorizeExport(client, adminDb(), world.a.id, TEST_META)
    const refusal = await authorizeExport(client, adminDb(), world.a.id, TEST_META).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(RateLimitedError)

    const res = errorResponse(refusal, 'test')
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toSatisfy((s: number) => s > 3590 && s <= 3600)
    expect(await res.json()).toEqual({ error: 'You can make 5 exports an hour. Please try again in 60 minutes.' })

    const audited = await sql<{ outcome: string; n: number }[]>`
      select outcome, count(*)::int as n from public.audit_log
      where practice_id = ${world.a.id} and actor_id = ${owner.id} and action = 'export.create' group by outcome order by outcome`
    expect(audited).toEqual([
      { outcome: 'denied', n: 1 },
      { outcome: 'success', n: 5 },
    ])
    // Another admin of the practice has her own allowance.
    const { client: admin } = await signIn(world.personas.adminA.user!)
    await expect(authorizeExport(admin, adminDb(), world.a.id, TEST_META)).resolves.toMatchObject({ role: 'admin' })
  })
})

describe('the deletion limits', () => {
  it('refuses an account deletion past the limit, deleting nothing', async () => {
    const world = await createWorld(sql)
    const owner = world.personas.ownerA.user!
    await exhaust(owner.id, RATE_LIMITS.accountErasure, '10 minutes')
    const [practice] = await sql<{ name: string }[]>`select name from public.practices where id = ${world.a.id}`
    const { client } = await signIn(owner)
    await expect(
      eraseAccount(client, { admin: adminDb(), sendEmail }, { practiceId: world.a.id, typedName: practice!.name, meta: TEST_META }),
    ).rejects.toMatchObject({ code: 'rate_limited', message: 'You can make 5 account deletion attempts an hour. Please try again in 50 minutes.' })
    expect(await sql`select 1 from public.practices where id = ${world.a.id}`).toHaveLength(1)
    expect(await deniedAttempts(sql, world.a.id, owner.id, 'account.erase')).toBe(1)
    expect(await sql`select 1 from private.practice_deletions where practice_id = ${world.a.id}`).toHaveLength(0)
  })

  it('refuses a client deletion past the limit, deleting nothing', async () => {
    const world = await createWorld(sql)
    const admin = world.personas.adminA.user!
    await exhaust(admin.id, RATE_LIMITS.clientErasure, '30 minutes')
    const [c] = await sql<{ name: string }[]>`select first_name || ' ' || last_name as name from public.clients where id = ${world.a1.id}`
    const { client } = await signIn(admin)
    await expect(
      eraseClient(client, { admin: adminDb(), sendEmail }, { practiceId: world.a.id, clientId: world.a1.id, typedName: c!.name, meta: TEST_META }),
    ).rejects.toMatchObject({ code: 'rate_limited', message: 'You can make 20 client deletions an hour. Please try again in 30 minutes.' })
    expect(await sql`select 1 from public.clients where id = ${world.a1.id}`).toHaveLength(1)
    expect(await deniedAttempts(sql, world.a.id, admin.id, 'client.erase')).toBe(1)
  })
})
