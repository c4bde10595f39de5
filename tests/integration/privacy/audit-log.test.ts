import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allAuditRows, listAuditLog } from '@/lib/privacy/audit/queries'
import { cursorOf } from '@/lib/privacy/audit/audit-log.schema'
import { subjectLabel, whoLabel } from '@/lib/privacy/audit/audit-labels'
import { loadAuditNames } from '@/lib/privacy/audit/names'
import { listMembers } from '@/lib/team/queries'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'
import { recordAuditEvent } from '@/lib/privacy/audit/record-event'
import { adminDb, signIn, TEST_META, useAppEnv } from '../../helpers/app-session.ts'
import { newDocument } from '../../helpers/rows.ts'

const sql = superuser()
afterAll(() => sql.end())

let world: World
const base = Date.parse('2026-03-01T12:00:00Z')

beforeAll(async () => {
  useAppEnv()
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

describe('names in the audit log', () => {
  it("names this practice's people and clients, and nobody else's", async () => {
    const p = world.personas
    const at = '2026-02-10T12:00:00Z'
    const event = (actor: string, role: string, entity: string, entityId: string) =>
      sql`insert into public.audit_log (practice_id, actor_id, actor_role, action, entity, entity_id, occurred_at)
          values (${world.a.id}, ${actor}, ${role}, 'export.create', ${entity}, ${entityId}, ${at})`
    const [doc] = await sql<{ id: string }[]>`select id from public.documents where practice_id = ${world.a.id} and client_id = ${world.a1.id} limit 1`
    const docId = doc?.id ?? (await sql<{ id: string }[]>`
      insert into public.documents (practice_id, client_id, storage_path, file_name, mime_type, size_bytes, uploaded_by)
      values (${world.a.id}, ${world.a1.id}, ${`${world.a.id}/${world.a1.id}/names.pdf`}, 'names.pdf', 'application/pdf', 10, ${p.ownerA.user!.id})
      returning id`)[0]!.id
    await event(p.ownerA.user!.id, 'owner', 'clients', world.a1.id)
    // Someone who is not in A (here B's doula, with B's client as the subject): A's page must not name either.
    await event(p.doulaB.user!.id, 'doula', 'clients', world.b1.id)
    // Her login is a doula in B and a client in A: in A she is named as A's client.
    await event(p.doulaBClientA.user!.id, 'client', 'documents', docId)
    await event(p.clientA1.user!.id, 'client', 'documents', docId)

    const { client } = await signIn(p.adminA.user!)
    const { rows } = await listAuditLog(client, world.a.id, { from: '2026-02-10', to: '2026-02-10' })
    const names = await loadAuditNames(client, world.a.id, rows, await listMembers(client, world.a.id))
    const shown = rows.map((r) => ({ who: whoLabel(r, names), on: subjectLabel(r, names) }))
    const [a1] = await sql<{ name: string }[]>`select first_name || ' ' || last_name as name from public.clients where id = ${world.a1.id}`
    const [a3] = await sql<{ name: string }[]>`select first_name || ' ' || last_name as name from public.clients where id = ${world.a3.id}`
    const [owner] = await sql<{ name: string }[]>`select full_name as name from public.profiles where id = ${p.ownerA.user!.id}`
    expect(shown.reverse()).toEqual([
      { who: { name: owner!.name, role: 'Owner' }, on: { entity: 'Client record', client: a1!.name } },
      { who: { name: 'Former member', role: 'Doula' }, on: { entity: 'Client record', client: 'Erased client' } },
      { who: { name: a3!.name, role: 'Client' }, on: { entity: 'Document', client: a1!.name } },
      { who: { name: a1!.name, role: 'Client' }, on: { entity: 'Document', client: a1!.name } },
    ])
    // Nothing of B's appears: not its doula's name, not its client's.
    const [b] = await sql<{ doula: string; client: string }[]>`
      select (select full_name from public.profiles where id = ${p.doulaB.user!.id}) as doula,
             (select first_name from public.clients where id = ${world.b1.id}) as client`
    expect(JSON.stringify(shown)).not.toContain(b!.doula)
    expect(JSON.stringify(shown)).not.toContain(b!.client)
  })
})

describe('filtering the audit log by client', () => {
  it('finds every event about her (her record, her rows, their downloads and deletions) and nothing about others', async () => {
    const doula = world.personas.doulaA.user!
    const { client: db } = await signIn(doula)
    const her = world.a3
    const since = new Date().toISOString().slice(0, 10)
    const { data: appointment, error: appointmentError } = await db.from('appointments').insert({
      practice_id: her.practiceId, client_id: her.id, journey_id: her.journeyId, kind: 'prenatal',
      starts_at: '2027-01-10T15:00:00Z', ends_at: '2027-01-10T16:00:00Z',
    }).select('id').single()
    expect(appointmentError).toBeNull()
    const { data: note, error: noteError } = await db.from('notes').insert({
      practice_id: her.practiceId, client_id: her.id, journey_id: her.journeyId, author_id: doula.id, body: 'Private',
    }).select('id').single()
    expect(noteError).toBeNull()
    expect((await db.from('notes').delete().eq('practice_id', her.practiceId).eq('id', note!.id)).error).toBeNull()
    await db.from('clients').update({ pronouns: 'she/her' }).eq('practice_id', her.practiceId).eq('id', her.id)
    const documentId = await newDocument(sql, her, doula.id, true)
    await recordAuditEvent(adminDb(), { practiceId: her.practiceId, actorId: doula.id, action: 'document.download', entity: 'documents', entityId: documentId }, TEST_META)
    // Someone else's note in the same practice is not about her.
    const { data: other, error: otherError } = await db.from('notes').insert({
      practice_id: world.a2.practiceId, client_id: world.a2.id, journey_id: world.a2.journeyId, author_id: doula.id, body: 'Other',
    }).select('id').single()
    expect(otherError).toBeNull()

    const { client: owner } = await signIn(world.personas.ownerA.user!)
    const { rows } = await listAuditLog(owner, world.a.id, { client: her.id, from: since }, 500)
    const seen = rows.map((r) => `${r.entity}:${r.action}:${r.entity_id}`)
    expect(seen).toEqual(expect.arrayContaining([
      `appointments:insert:${appointment!.id}`,
      `notes:insert:${note!.id}`,
      `notes:delete:${note!.id}`,
      `clients:update:${her.id}`,
      `documents:insert:${documentId}`,
      `documents:document.download:${documentId}`,
    ]))
    expect(rows.map((r) => r.entity_id)).not.toContain(other!.id)
    expect(rows.map((r) => r.entity_id)).not.toContain(world.a2.id)
    const { rows: hers } = await listAuditLog(owner, world.a.id, { client: world.a2.id, from: since }, 500)
    expect(hers.map((r) => `${r.entity}:${r.action}:${r.entity_id}`)).toContain(`notes:insert:${other!.id}`)
  })
})
