import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allAuditRows, listAuditLog } from '@/lib/privacy/audit/queries'
import { cursorOf } from '@/lib/privacy/audit/audit-log.schema'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'
import { signIn } from '../../helpers/app-session.ts'

const sql = superuser()
afterAll(() => sql.end())

let world: World
const base = Date.parse('2026-03-01T12:00:00Z')

beforeAll(async () => {
  world = await createWorld(sql)
  const owner = world.personas.ownerA.user!.id
  const admin = world.personas.adminA.user!.id
  // Ten events a day apart, two sharing a timestamp so paging must use the id tie-breaker.
  for (let i = 0; i < 10; i++) {
    const at = new Date(base + Math.min(i, 8) * 86_400_000).toISOString()
    await sql`insert into public.audit_log (practice_id, actor_id, actor_role, action, entity, entity_id, occurred_at)
              values (${world.a.id}, ${i % 2 ? admin : owner}, ${i % 2 ? 'admin' : 'owner'},
                      ${i % 3 ? 'document.download' : 'export.create'}, 'clients', ${i < 4 ? world.a1.id : world.a2.id}, ${at})`
  }
})

describe('audit log viewer', () => {
  it('pages newest first with a keyset cursor, without gaps or repeats', async () => {
    const { client } = await signIn(world.personas.adminA.user!)
    const filters = { from: '2026-03-01', to: '2026-03-31' }
    const seen: number[] = []
    let after: string | undefined
    for (;;) {
      const page = await listAuditLog(client, world.a.id, { ...filters, after }, 3)
      seen.push(...page.rows.map((r) => r.id))
      if (!page.hasMore) break
      after = cursorOf(page.rows.at(-1)!)
    }
    const all = await sql<{ id: string }[]>`
      select id::text from public.audit_log where practice_id = ${world.a.id} and occurred_at < '2026-04-01'
      order by occurred_at desc, id desc`
    expect(seen).toEqual(all.map((r) => Number(r.id)))
    expect(seen).toHaveLength(10)
  })

  it('filters by person, client, action and date', async () => {
    const { client } = await signIn(world.personas.ownerA.user!)
    const admin = world.personas.adminA.user!.id
    const byActor = await listAuditLog(client, world.a.id, { actor: admin, to: '2026-03-31' })
    expect(byActor.rows.map((r) => r.actor_id)).toEqual(Array(5).fill(admin))
    const byClient = await listAuditLog(client, world.a.id, { client: world.a1.id, action: 'document.download' })
    expect(byClient.rows).toHaveLength(2)
    const byDate = await listAuditLog(client, world.a.id, { from: '2026-03-09', to: '2026-03-09' })
    expect(byDate.rows).toHaveLength(2)
    const rows = []
    for await (const row of allAuditRows(client, world.a.id, { action: 'export.create', to: '2026-03-31' })) rows.push(row)
    expect(rows).toHaveLength(4)
  })

  it('shows a doula nothing', async () => {
    const { client } = await signIn(world.personas.doulaA.user!)
    expect((await listAuditLog(client, world.a.id, {})).rows).toEqual([])
  })
})
