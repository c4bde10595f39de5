import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_CRON_SECRET } from '../../../scripts/local-env.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'
import { eraseAccount } from '@/lib/privacy/deletion/erase.service'
import type { OutgoingEmail } from '@/lib/email/send'
import { serviceApiClient } from '../../helpers/personas.ts'
import { fillClient, loginExists, objectCount, signIn, useStackEnv } from './fixtures.ts'

const sql = superuser()
afterAll(() => sql.end())

let GET: (request: Request) => Promise<Response>
let world: World
beforeAll(async () => {
  useStackEnv()
  ;({ GET } = await import('@/app/api/cron/retention/route'))
  world = await createWorld(sql)
})

const call = (authorization?: string) =>
  GET(new Request('http://127.0.0.1:3000/api/cron/retention', authorization ? { headers: { authorization } } : {}))

async function auditAged(age: string) {
  const [row] = await sql<{ id: string }[]>`
    insert into public.audit_log (practice_id, actor_role, action, entity, entity_id, occurred_at)
    values (${world.a.id}, 'system', 'export.create', 'practices', ${world.a.id}, now() - ${age}::interval)
    returning id::text`
  return row!.id
}

const exists = async (id: string) => (await sql`select 1 from public.audit_log where id = ${id}`).length === 1

describe('GET /api/cron/retention', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a wrong secret', 'Bearer not-the-cron-secret-at-all'],
  ])('refuses %s and purges nothing', async (_label, header) => {
    const old = await auditAged('7 years')
    const res = await call(header)
    expect(res.status).toBe(401)
    expect(await exists(old)).toBe(true)
  })

  it('purges audit rows past retention through the data model and keeps the rest', async () => {
    const old = await auditAged('7 years')
    const recent = await auditAged('13 months')
    const res = await call(`Bearer ${LOCAL_CRON_SECRET}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { purged: number }
    expect(body.purged).toBeGreaterThanOrEqual(1)
    expect(await exists(old)).toBe(false)
    expect(await exists(recent)).toBe(true)
  })
})

describe('the retention cron and interrupted erasures', () => {
  it('finishes an erasure that stopped and was left alone', async () => {
    const { sendEmail } = (await import('@/lib/email/send')) as { sendEmail: (e: OutgoingEmail) => Promise<unknown> }
    const w = await createWorld(sql)
    const owner = w.personas.ownerA.user!
    await fillClient(sql, w.a1, owner.id, 3)
    const [practice] = await sql<{ name: string }[]>`select name from public.practices where id = ${w.a.id}`
    const { client } = await signIn(owner)
    const failing = async () => {
      throw new Error('injected: storage unavailable')
    }
    await expect(
      eraseAccount(client, { admin: serviceApiClient(), sendEmail, removeObjects: failing }, { practiceId: w.a.id, typedName: practice!.name }),
    ).rejects.toThrow('injected')
    // An hour of silence; the ledger's touch trigger would reset updated_at, so bypass it here.
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`
      await tx`update private.practice_deletions set updated_at = now() - interval '1 hour' where practice_id = ${w.a.id}`
    })

    const res = await call(`Bearer ${LOCAL_CRON_SECRET}`)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { erasures: { resumed: number } }).erasures.resumed).toBeGreaterThanOrEqual(1)
    expect(await objectCount(sql, `${w.a.id}/`)).toBe(0)
    expect(await sql`select 1 from public.practices where id = ${w.a.id}`).toHaveLength(0)
    expect(await loginExists(sql, owner.id)).toBe(false)
  })
})
