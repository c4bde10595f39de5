import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OutgoingEmail } from '@/lib/email/send'
import { eraseClient } from '@/lib/privacy/deletion/erase.service'
import type { ErasureDeps } from '@/lib/privacy/deletion/run-erasure.service'
import { serviceApiClient } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type ClientRecord, type World } from '../../helpers/world.ts'
import { refreshRefusal, signIn, useAppEnv, TEST_META } from '../../helpers/app-session.ts'
import { fillEverything } from '../../helpers/rows.ts'
import { deniedAttempts, withFiles, loginExists, mailTo, objectCount, practiceChecksum } from './fixtures.ts'

const sql = superuser()
afterAll(() => sql.end())

let sendEmail: (email: OutgoingEmail) => Promise<unknown>
let world: World
const deps = (): ErasureDeps => ({ admin: serviceApiClient(), sendEmail })

beforeAll(async () => {
  useAppEnv()
  ;({ sendEmail } = await import('@/lib/email/send'))
  world = await createWorld(sql)
  const owner = world.personas.ownerA.user!.id
  for (const c of [world.a1, world.a2, world.a3]) await fillEverything(sql, c, owner, withFiles(2))
}, 60_000)

/** Rows of this client in every table that has a client_id column (plus her clients row). */
async function clientRows(c: ClientRecord): Promise<Record<string, number>> {
  const tables = await sql<{ t: string }[]>`
    select table_name as t from information_schema.columns
    where table_schema = 'public' and column_name = 'client_id' order by 1`
  const counts: Record<string, number> = {}
  for (const { t } of tables) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql('public.' + t)} where client_id = ${c.id}`
    counts[t] = row!.n
  }
  const [self] = await sql<{ n: number }[]>`select count(*)::int as n from public.clients where id = ${c.id}`
  counts.clients = self!.n
  return counts
}

const fullName = async (c: ClientRecord) => {
  const [row] = await sql<{ name: string }[]>`select first_name || ' ' || last_name as name from public.clients where id = ${c.id}`
  return row!.name
}

describe('deleting one client', () => {
  it('refuses a doula and a client of the practice, and deletes nothing', async () => {
    const before = await clientRows(world.a1)
    // doulaB is not of the practice: her attempt cannot go on its trail.
    for (const [key, audited] of [['doulaA', 1], ['clientA1', 1], ['doulaB', 0]] as const) {
      const user = world.personas[key].user!
      const { client } = await signIn(user)
      await expect(
        eraseClient(client, deps(), { practiceId: world.a.id, clientId: world.a1.id, typedName: await fullName(world.a1), meta: TEST_META }),
      ).rejects.toMatchObject({ code: 'forbidden' })
      expect({ key, audited: await deniedAttempts(sql, world.a.id, user.id, 'client.erase') }).toEqual({ key, audited })
    }
    expect(await clientRows(world.a1)).toEqual(before)
    expect(await objectCount(sql, `${world.a.id}/${world.a1.id}/`)).toBe(3)
  })

  it('removes her records, files and A-only login, leaves the rest of the practice, and audits it', async () => {
    const admin = world.personas.adminA.user!
    const clientUser = world.personas.clientA1.user!
    const portal = await signIn(clientUser)
    const before = await clientRows(world.a1)
    const otherClient = await clientRows(world.a2)
    const checksumB = await practiceChecksum(sql, world.b.id)
    const { client } = await signIn(admin)

    const result = await eraseClient(client, deps(), {
      practiceId: world.a.id,
      clientId: world.a1.id,
      typedName: await fullName(world.a1),
      meta: TEST_META,
    })

    expect(result.counts).toEqual(before)
    // Two documents and her signed agreement's PDF.
    expect(result.files).toBe(3)
    expect(result.loginsRemoved).toBe(1)
    expect(Object.values(await clientRows(world.a1)).every((n) => n === 0)).toBe(true)
    expect(await objectCount(sql, `${world.a.id}/${world.a1.id}/`)).toBe(0)
    expect(await objectCount(sql, `${world.a.id}/${world.a2.id}/`)).toBe(3)
    expect(await clientRows(world.a2)).toEqual(otherClient)
    expect(await practiceChecksum(sql, world.b.id)).toBe(checksumB)
    expect(await loginExists(sql, clientUser.id)).toBe(false)
    expect(await refreshRefusal(portal.refreshToken)).not.toBeNull()

    const [audit] = await sql<{ n: number }[]>`
      select count(*)::int as n from public.audit_log
      where practice_id = ${world.a.id} and action = 'client.erase' and entity_id = ${world.a1.id} and actor_id = ${admin.id}`
    expect(audit!.n).toBe(1)
    const [receipt] = await mailTo(admin.email)
    expect(receipt!.subject).toBe('Your DoulaOS deletion receipt')
    expect(receipt!.text).toContain('Files: 3')
    expect(receipt!.text).not.toContain('Alma')
    expect((await mailTo(clientUser.email)).map((m) => m.subject)).toEqual(['Your data on DoulaOS was deleted'])
  })

  it('keeps the login of a client who is also a doula elsewhere', async () => {
    const shared = world.personas.doulaBClientA.user!
    const { client } = await signIn(world.personas.ownerA.user!)
    const result = await eraseClient(client, deps(), {
      practiceId: world.a.id,
      clientId: world.a3.id,
      typedName: await fullName(world.a3),
      meta: TEST_META,
    })
    expect(result.loginsRemoved).toBe(0)
    expect(Object.values(await clientRows(world.a3)).every((n) => n === 0)).toBe(true)
    expect(await loginExists(sql, shared.id)).toBe(true)
  })
})
