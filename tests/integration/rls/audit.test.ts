import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anonApiClient, clientAs, serviceApiClient } from '../../helpers/personas.ts'
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
    const doula = await clientAs(user('doulaA'))
    const owner = await clientAs(user('ownerA'))
    expect((await doula.from('clients').insert({ id, practice_id: world.a.id, first_name: canary, last_name: canary })).error).toBeNull()
    expect((await doula.from('clients').update({ phone: '+15550199' }).eq('id', id)).error).toBeNull()
    expect((await owner.from('clients').delete().eq('id', id)).error).toBeNull()
    const trail = await auditFor(id)
    expect(trail.map(({ row: _row, ...r }) => r)).toEqual([
      { actor_id: user('doulaA').id, actor_role: 'doula', action: 'insert', entity: 'clients', practice_id: world.a.id },
      { actor_id: user('doulaA').id, actor_role: 'doula', action: 'update', entity: 'clients', practice_id: world.a.id },
      { actor_id: user('ownerA').id, actor_role: 'owner', action: 'delete', entity: 'clients', practice_id: world.a.id },
    ])
    for (const r of trail) expect(r.row).not.toContain(canary)
  })

  it('records the client as the actor of her own writes', async () => {
    const id = randomUUID()
    const client = user('clientA1')
    const { error } = await (await clientAs(client)).from('messages').insert({
      id, practice_id: world.a.id, client_id: world.a1.id, sender_id: client.id, sender_side: 'client', body: 'Contractions every 5 minutes',
    })
    expect(error).toBeNull()
    const [entry] = await auditFor(id)
    expect(entry).toMatchObject({ actor_id: client.id, actor_role: 'client', action: 'insert', entity: 'messages' })
    expect(entry!.row).not.toContain('Contractions')
  })

  it('writes one row per changed record for a bulk statement', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()]
    const { error } = await (await clientAs(user('doulaA'))).from('milestones').insert(
      ids.map((id) => ({ id, practice_id: world.a.id, client_id: world.a1.id, journey_id: world.a1.journeyId, title: 'Bulk' })),
    )
    expect(error).toBeNull()
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from public.audit_log where entity_id = any(${ids}::uuid[]) and action = 'insert'`
    expect(row!.n).toBe(3)
  })

  it('takes the ip the platform proxy vouches for, never one the caller chose, with user agent and request id', async () => {
    const id = randomUUID()
    // The caller sends both headers a naive trail would trust; the gateway sets cf-connecting-ip
    // from the socket, as Supabase's proxy does, overwriting hers.
    const headers = { 'x-forwarded-for': '203.0.113.7, 10.0.0.1', 'cf-connecting-ip': '198.51.100.66', 'user-agent': 'vitest-agent', 'x-request-id': 'req-123' }
    const { error } = await (await clientAs(user('doulaA'), undefined, headers)).from('milestones').insert({
      id, practice_id: world.a.id, client_id: world.a1.id, journey_id: world.a1.journeyId, title: 'With headers',
    })
    expect(error).toBeNull()
    const [entry] = await sql`select host(ip) as ip, user_agent, request_id from public.audit_log where entity_id = ${id}`
    expect(entry).toEqual({ ip: '127.0.0.1', user_agent: 'vitest-agent', request_id: 'req-123' })
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
  const event = (practiceId: string, actorId: string) => ({
    practice_id: practiceId, actor_id: actorId, action: 'document.download', entity: 'documents', entity_id: randomUUID(),
    outcome: 'success', ip: '192.0.2.1', user_agent: 'vitest',
  })

  it('refuses every person, member or client: the trail is written by the database and the server', async () => {
    for (const who of [user('doulaA'), user('ownerA'), user('clientA1')]) {
      const { error } = await (await clientAs(who)).rpc('record_audit_event', event(world.a.id, who.id))
      expect(error?.code, who.email).toBe('42501')
    }
    const { error } = await anonApiClient().rpc('record_audit_event', event(world.a.id, user('doulaA').id))
    expect(error?.code).toBe('42501')
  })

  it('records the server\'s event for a member or a client of the practice, with the ip it was given', async () => {
    const { error } = await serviceApiClient().rpc('record_audit_event', event(world.a.id, user('clientA1').id))
    expect(error).toBeNull()
    const [last] = await sql`select actor_id, actor_role, host(ip) as ip from public.audit_log where action = 'document.download' order by id desc limit 1`
    expect(last).toEqual({ actor_id: user('clientA1').id, actor_role: 'client', ip: '192.0.2.1' })
  })

  it('refuses an actor from another practice, even from the server', async () => {
    const { error } = await serviceApiClient().rpc('record_audit_event', event(world.a.id, user('doulaB').id))
    expect(error?.code).toBe('42501')
  })
})

describe('record_client_view()', () => {
  it('refuses every person and anonymous callers: only the server records a view', async () => {
    const view = { practice_id: world.a.id, client_id: world.a1.id }
    for (const who of [user('doulaA'), user('ownerA'), user('clientA1')]) {
      const { error } = await (await clientAs(who)).rpc('record_client_view', { ...view, actor_id: who.id })
      expect(error?.code, who.email).toBe('42501')
    }
    const { error } = await anonApiClient().rpc('record_client_view', { ...view, actor_id: user('doulaA').id })
    expect(error?.code).toBe('42501')
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from public.audit_log where action = 'client.view' and entity_id = ${world.a1.id}`
    expect(row!.n).toBe(0)
  })
})
