import { randomUUID } from 'node:crypto'
import type { Sql } from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asRole, type TestUser } from '../../helpers/personas.ts'
import * as rows from '../../helpers/rows.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'

const sql = superuser()
afterAll(() => sql.end())

let world: World
beforeAll(async () => {
  world = await createWorld(sql)
})

const user = (key: keyof World['personas']) => world.personas[key].user!

async function auditFor(entityId: string) {
  return sql<{ actor_id: string; actor_role: string; action: string; entity: string; practice_id: string; row: string }[]>`
    select actor_id, actor_role, action, entity, practice_id, to_jsonb(a)::text as row
    from public.audit_log a where entity_id = ${entityId} order by id`
}

const failsWith = (p: Promise<unknown>) => p.then(() => 'no error', (e: { code?: string }) => e.code)

describe('audit trail of client data', () => {
  it('records insert, update and delete with actor, role, entity and id, and no contents', async () => {
    const canary = `Canary-${randomUUID()}`
    const id = randomUUID()
    const doula = user('doulaA')
    await asRole(sql, doula, (tx) => tx`insert into public.clients (id, practice_id, first_name, last_name) values (${id}, ${world.a.id}, ${canary}, ${canary})`, { commit: true })
    await asRole(sql, doula, (tx) => tx`update public.clients set phone = '+15550199' where id = ${id}`, { commit: true })
    await asRole(sql, user('ownerA'), (tx) => tx`delete from public.clients where id = ${id}`, { commit: true })
    const trail = await auditFor(id)
    expect(trail.map(({ row: _row, ...r }) => r)).toEqual([
      { actor_id: doula.id, actor_role: 'doula', action: 'insert', entity: 'clients', practice_id: world.a.id },
      { actor_id: doula.id, actor_role: 'doula', action: 'update', entity: 'clients', practice_id: world.a.id },
      { actor_id: user('ownerA').id, actor_role: 'owner', action: 'delete', entity: 'clients', practice_id: world.a.id },
    ])
    for (const r of trail) expect(r.row).not.toContain(canary)
  })

  it('records the client as the actor of her own writes', async () => {
    const id = randomUUID()
    const client = user('clientA1')
    await asRole(sql, client, (tx) => tx`insert into public.messages (id, practice_id, client_id, sender_id, sender_side, body)
      values (${id}, ${world.a.id}, ${world.a1.id}, ${client.id}, 'client', 'Contractions every 5 minutes')`, { commit: true })
    const [entry] = await auditFor(id)
    expect(entry).toMatchObject({ actor_id: client.id, actor_role: 'client', action: 'insert', entity: 'messages' })
    expect(entry!.row).not.toContain('Contractions')
  })

  it('writes one row per changed record for a bulk statement', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()]
    await asRole(sql, user('doulaA'), (tx) => tx`
      insert into public.milestones (id, practice_id, client_id, journey_id, title)
      select unnest(${ids}::uuid[]), ${world.a.id}, ${world.a1.id}, ${world.a1.journeyId}, 'Bulk'`, { commit: true })
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from public.audit_log where entity_id = any(${ids}::uuid[]) and action = 'insert'`
    expect(row!.n).toBe(3)
  })

  it('takes ip, user agent and request id from the API request headers', async () => {
    const id = randomUUID()
    const headers = { 'x-forwarded-for': '203.0.113.7, 10.0.0.1', 'user-agent': 'vitest-agent', 'x-request-id': 'req-123' }
    await asRole(sql, user('doulaA'), async (tx) => {
      await tx`select set_config('request.headers', ${JSON.stringify(headers)}, true)`
      return tx`insert into public.milestones (id, practice_id, client_id, journey_id, title)
                values (${id}, ${world.a.id}, ${world.a1.id}, ${world.a1.journeyId}, 'With headers')`
    }, { commit: true })
    const [entry] = await sql`select host(ip) as ip, user_agent, request_id from public.audit_log where entity_id = ${id}`
    expect(entry).toEqual({ ip: '203.0.113.7', user_agent: 'vitest-agent', request_id: 'req-123' })
  })
})

describe('audit_log is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE even to the table owner', async () => {
    const id = await rows.newAuditRow(sql, world.a.id)
    expect(await failsWith(sql`update public.audit_log set outcome = 'error' where id = ${id}`)).toBe('42501')
    expect(await failsWith(sql`delete from public.audit_log where id = ${id}`)).toBe('42501')
    expect(await failsWith(sql`truncate public.audit_log`)).toBe('42501')
  })

  it('gives the API roles no UPDATE, DELETE or TRUNCATE privilege', async () => {
    const [privs] = await sql`
      select has_table_privilege('authenticated', 'public.audit_log', 'update, delete, truncate') as authenticated,
             has_table_privilege('service_role', 'public.audit_log', 'update, delete, truncate') as service_role`
    expect(privs).toEqual({ authenticated: false, service_role: false })
  })

  it('purges only through the retention function, which keeps at least six years', async () => {
    const [old] = await sql<{ id: string }[]>`
      insert into public.audit_log (practice_id, actor_role, action, entity, occurred_at)
      values (${world.a.id}, 'system', 'export.create', 'practices', now() - interval '7 years') returning id::text`
    const recent = await rows.newAuditRow(sql, world.a.id)
    expect(await failsWith(sql`select private.purge_audit_log('1 year')`)).toBe('22023')
    const [purged] = await sql.begin(async (tx) => {
      await tx`set local role service_role`
      return tx<{ n: string }[]>`select private.purge_audit_log('6 years') as n`
    })
    expect(Number(purged!.n)).toBeGreaterThanOrEqual(1)
    const left = await sql`select id::text from public.audit_log where id in (${old!.id}, ${recent})`
    expect(left.map((r) => r.id)).toEqual([recent])
    expect(await failsWith(sql`delete from public.audit_log where id = ${recent}`)).toBe('42501')
  })
})

describe('record_audit_event()', () => {
  const record = (who: TestUser | null, practiceId: string) =>
    failsWith(asRole(sql, who, (tx) => tx`select public.record_audit_event(${practiceId}, 'document.download', 'documents', ${randomUUID()})`, { commit: true }))

  it('records an app event for a member or a client of the practice, as the caller', async () => {
    expect(await record(user('doulaA'), world.a.id)).toBe('no error')
    expect(await record(user('clientA1'), world.a.id)).toBe('no error')
    const [last] = await sql`select actor_id, actor_role from public.audit_log where action = 'document.download' order by id desc limit 1`
    expect(last).toEqual({ actor_id: user('clientA1').id, actor_role: 'client' })
  })

  it('refuses callers from another practice and anonymous callers', async () => {
    expect(await record(user('doulaB'), world.a.id)).toBe('42501')
    expect(await record(null, world.a.id)).toBe('42501')
  })
})
