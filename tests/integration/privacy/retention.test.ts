import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_CRON_SECRET } from '../../../scripts/local-env.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'
import { useStackEnv } from './fixtures.ts'

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
