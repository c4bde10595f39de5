import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as rows from '../helpers/rows.ts'
import { superuser } from '../helpers/stack.ts'
import { createClientRecord, createWorld, type ClientRecord, type World } from '../helpers/world.ts'

const sql = superuser()
afterAll(() => sql.end())

/** Every public table that references practices directly or through other tables' foreign keys. */
async function tablesUnderPractices(): Promise<string[]> {
  const found = await sql<{ table: string }[]>`
    with recursive reach(oid) as (
      select 'public.practices'::regclass::oid
      union
      select con.conrelid from pg_constraint con join reach r on con.confrelid = r.oid
      where con.contype = 'f' and con.conrelid <> r.oid
    )
    select c.relname as table from reach r join pg_class c on c.oid = r.oid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relname <> 'practices'
    order by 1`
  return found.map((r) => r.table)
}

async function fillEverything(c: ClientRecord, memberId: string) {
  const templateId = await rows.newFormTemplate(sql, c.practiceId)
  const documentId = await rows.newDocument(sql, c, memberId, true)
  const formId = await rows.newFormRequest(sql, c, templateId)
  await sql`update public.form_requests set document_id = ${documentId} where id = ${formId}`
  const appointmentId = await rows.newAppointment(sql, c, true)
  await sql`insert into public.notes (practice_id, client_id, appointment_id, author_id, body)
            values (${c.practiceId}, ${c.id}, ${appointmentId}, ${memberId}, 'After the visit')`
  await sql`update public.journeys set primary_doula_id = ${memberId} where id = ${c.journeyId}`
  await rows.newMilestone(sql, c, false)
  await rows.newNote(sql, c, memberId)
  await rows.newMessage(sql, c, memberId, 'practice')
  await rows.newInvitation(sql, c.practiceId)
  await rows.newAuditRow(sql, c.practiceId)
  await rows.newNotification(sql, c.practiceId)
  await sql`insert into public.client_deletion_requests (practice_id, client_id) values (${c.practiceId}, ${c.id})`
}

async function countFor(table: string, practiceId: string) {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql('public.' + table)} where practice_id = ${practiceId}`
  return row!.n
}

async function checksum(table: string, practiceId: string) {
  const [row] = await sql<{ sum: string | null }[]>`
    select md5(string_agg(to_jsonb(t)::text, '|' order by to_jsonb(t)::text)) as sum
    from ${sql('public.' + table)} t where t.practice_id = ${practiceId}`
  return row!.sum
}

describe('deleting a practice', () => {
  let world: World
  let tables: string[]
  const checksumsOfB = new Map<string, string | null>()

  beforeAll(async () => {
    world = await createWorld(sql)
    const ownerA = world.personas.ownerA.user!.id
    const ownerB = world.b.owner.id
    await fillEverything(world.a1, ownerA)
    await fillEverything(world.a3, ownerA)
    await fillEverything(world.b1, ownerB)
    await fillEverything(await createClientRecord(sql, world.b.id, null, 'Extra'), ownerB)
    tables = await tablesUnderPractices()
    for (const t of tables) checksumsOfB.set(t, await checksum(t, world.b.id))
  })

  it('covers every table below practices, each carrying practice_id and holding rows of A', async () => {
    const withPracticeId = await sql<{ table: string }[]>`
      select c.table_name as table from information_schema.columns c
      where c.table_schema = 'public' and c.column_name = 'practice_id' order by 1`
    expect(tables).toEqual(withPracticeId.map((r) => r.table))
    for (const t of tables) {
      expect({ table: t, rowsOfA: (await countFor(t, world.a.id)) > 0 }).toEqual({ table: t, rowsOfA: true })
    }
  })

  it("removes every row of A in every table and leaves B's data byte-for-byte unchanged", async () => {
    await sql.begin(async (tx) => {
      await tx`set local role service_role`
      await tx`delete from public.practices where id = ${world.a.id}`
    })
    for (const t of tables) {
      expect({ table: t, rowsOfA: await countFor(t, world.a.id) }).toEqual({ table: t, rowsOfA: 0 })
      expect({ table: t, checksumOfB: await checksum(t, world.b.id) }).toEqual({ table: t, checksumOfB: checksumsOfB.get(t) })
    }
    const [left] = await sql<{ n: number }[]>`
      select count(*)::int as n from public.practices where id = ${world.a.id}`
    expect(left!.n).toBe(0)
  })

  it('keeps the logins: removing auth users who belong nowhere else is the deletion flow\'s job', async () => {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from auth.users where id = ${world.personas.ownerA.user!.id}`
    expect(row!.n).toBe(1)
  })
})
