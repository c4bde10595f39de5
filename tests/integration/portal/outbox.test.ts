import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendEmail } from '@/lib/email/send'
import { drainOutbox } from '@/lib/notifications/drain'
import { latestMail, messagesTo } from '../../helpers/mailbox.ts'
import { useAppEnv } from '../../helpers/app-session.ts'
import { clientAs } from '../../helpers/personas.ts'
import { serviceClient, stack, superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'
import { startFlakyMailApi, type FlakyMailApi } from './flaky-mail-api.ts'

const SITE_URL = 'http://127.0.0.1:4010'

const sql = superuser()
let world: World
let flaky: FlakyMailApi

/** Drains until nothing is due: other suites share this stack's outbox and may fill a batch. */
async function drain() {
  const total = { claimed: 0, sent: 0, failed: 0 }
  for (;;) {
    const r = await drainOutbox({ admin: serviceClient(), deliver: sendEmail, siteUrl: SITE_URL })
    if (r.claimed === 0) return total
    total.claimed += r.claimed
    total.sent += r.sent
    total.failed += r.failed
  }
}

/** Makes every pending row due now: the backoff is asserted separately, waiting it out is not the point. */
const fastForward = () => sql`update public.notifications set next_attempt_at = now() - interval '1 second' where status = 'pending'`

async function outboxFor(recipient: string) {
  return sql<{ id: string; status: string; attempts: number; backoff_s: number; last_error: string | null; payload: { path: string; threadId: string }; idempotency_key: string }[]>`
    select id, status, attempts, extract(epoch from next_attempt_at - now())::float8 as backoff_s, last_error, payload, idempotency_key
    from public.notifications where recipient = ${recipient.toLowerCase()} order by created_at`
}

async function postAs(user: { id: string; email: string }, c: { id: string; practiceId: string }, side: 'practice' | 'client', body: string) {
  const db = await clientAs(user)
  const { error } = await db.from('messages').insert({ practice_id: c.practiceId, client_id: c.id, sender_id: user.id, sender_side: side, body })
  expect(error).toBeNull()
}

beforeAll(async () => {
  world = await createWorld(sql)
  flaky = await startFlakyMailApi(stack().mailboxUrl)
  // sendEmail reads (and caches) the environment on first use: point Resend at the flaky proxy.
  useAppEnv({ NEXT_PUBLIC_SITE_URL: SITE_URL, RESEND_BASE_URL: flaky.url })
})

afterAll(async () => {
  await flaky.close()
  await sql.end()
})

describe('message outbox', () => {
  it('saves messages during a mail outage, retries with backoff and delivers every email exactly once', async () => {
    const client = world.personas.clientA1.user!
    const doula = world.personas.doulaA.user!
    const secret = `Contractions every ${randomUUID()} minutes`
    flaky.mode = 'down'

    await postAs(doula, world.a1, 'practice', secret)
    const [saved] = await sql`select id from public.messages where body = ${secret}`
    expect(saved).toBeDefined()
    const [queued] = await outboxFor(client.email)
    expect(queued).toMatchObject({ status: 'pending', attempts: 0, payload: { path: '/portal/messages', threadId: world.a1.id } })
    expect(JSON.stringify(queued!.payload)).not.toContain('Contractions')

    // Outage: two failed attempts, each backing off twice as long as the one before.
    let result = await drain()
    expect(result.failed).toBeGreaterThanOrEqual(1)
    let [row] = await outboxFor(client.email)
    expect(row).toMatchObject({ status: 'pending', attempts: 1 })
    expect(row!.last_error).toMatch(/not sent/)
    expect(row!.backoff_s).toBeGreaterThan(25)
    expect(row!.backoff_s).toBeLessThanOrEqual(30)

    // Not due yet: a drain now leaves it alone.
    await drain()
    expect((await outboxFor(client.email))[0]!.attempts).toBe(1)

    await fastForward()
    await drain()
    ;[row] = await outboxFor(client.email)
    expect(row).toMatchObject({ status: 'pending', attempts: 2 })
    expect(row!.backoff_s).toBeGreaterThan(55)
    expect(row!.backoff_s).toBeLessThanOrEqual(60)

    // The provider takes the email but the answer is lost: the row stays pending and is retried.
    flaky.mode = 'lost'
    await fastForward()
    await drain()
    expect((await outboxFor(client.email))[0]).toMatchObject({ status: 'pending', attempts: 3 })
    expect(await messagesTo(client.email)).toHaveLength(1)

    // Recovery: the retry carries the same idempotency key, so the provider does not send it again.
    flaky.mode = 'up'
    await fastForward()
    await drain()
    ;[row] = await outboxFor(client.email)
    expect(row).toMatchObject({ status: 'sent', attempts: 4, last_error: null })
    expect(await messagesTo(client.email)).toHaveLength(1)
    result = await drain()
    expect(result.claimed).toBe(0)

    const mail = await latestMail(client.email)
    expect(mail.subject).toBe('You have a new message')
    expect(mail.links).toContain(`${SITE_URL}/portal/messages`)
    expect(`${mail.html}${mail.text}`).not.toContain('Contractions')
  })

  it('sends at most one new-message email per thread and recipient per 10 minutes', async () => {
    const doula = world.personas.doulaA.user!
    const client = world.personas.clientA2.user!
    await postAs(doula, world.a2, 'practice', 'First')
    await postAs(doula, world.a2, 'practice', 'Second')
    await postAs(doula, world.a2, 'practice', 'Third')
    expect(await outboxFor(client.email)).toHaveLength(1)

    // Once the window has passed, the next message notifies again.
    await sql`update public.notifications set created_at = now() - interval '11 minutes' where recipient = ${client.email}`
    await postAs(doula, world.a2, 'practice', 'Fourth')
    expect(await outboxFor(client.email)).toHaveLength(2)
  })

  it('notifies every member of the practice, but not the sender, when the client writes', async () => {
    const { clientA1, ownerA, adminA, doulaA } = world.personas
    await postAs(clientA1.user!, world.a1, 'client', 'Hello from Alma')
    for (const member of [ownerA, adminA, doulaA]) {
      const [row] = await outboxFor(member.user!.email)
      expect(row).toMatchObject({ payload: { path: `/dashboard/messages/${world.a1.id}`, threadId: world.a1.id } })
    }
    const clientRows = await outboxFor(clientA1.user!.email)
    expect(clientRows.every((r) => r.payload.path === '/portal/messages')).toBe(true)
  })

  it('queues nothing when the message is rolled back', async () => {
    const client = world.personas.doulaBClientA.user!
    const before = await outboxFor(client.email)
    await expect(
      sql.begin(async (tx) => {
        await tx`insert into public.messages (practice_id, client_id, sender_id, sender_side, body)
                 values (${world.a3.practiceId}, ${world.a3.id}, ${world.personas.doulaA.user!.id}, 'practice', 'Rolled back')`
        expect(await tx`select 1 from public.notifications where recipient = ${client.email}`).toHaveLength(before.length + 1)
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    expect(await outboxFor(client.email)).toHaveLength(before.length)
  })

  it('keeps the drain functions away from signed-in users', async () => {
    const db = await clientAs(world.personas.ownerA.user!)
    const claim = await db.rpc('claim_notifications', { batch_size: 10 })
    expect(claim.error?.code).toBe('42501')
    const read = await db.from('notifications').select('id')
    expect(read.data ?? []).toHaveLength(0)
  })
})
