import { randomUUID } from 'node:crypto'
import type { Sql } from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asRole, createUser, type TestUser } from '../../helpers/personas.ts'
import * as rows from '../../helpers/rows.ts'
import { superuser } from '../../helpers/stack.ts'
import { addMember, createPractice, createWorld, type World } from '../../helpers/world.ts'

const sql = superuser()
afterAll(() => sql.end())

let world: World
beforeAll(async () => {
  world = await createWorld(sql)
})

const user = (key: keyof World['personas']) => world.personas[key].user!

/** Runs one statement as `who` (committed) and returns the affected row count or the error code. */
async function as(who: TestUser | null, statement: (tx: Sql) => Promise<{ count: number }>): Promise<number | string> {
  try {
    return (await asRole(sql, who, (tx) => statement(tx as unknown as Sql), { commit: true })).count
  } catch (e) {
    const code = (e as { code?: string }).code
    if (!code) throw e
    return code
  }
}

describe('protected columns', () => {
  const cases: { name: string; who: () => TestUser; run: (tx: Sql) => Promise<{ count: number }> }[] = [
    { name: 'practices.created_by', who: () => user('ownerA'), run: (tx) => tx`update public.practices set created_by = ${user('adminA').id} where id = ${world.a.id}` },
    { name: 'practice_members.practice_id', who: () => user('ownerA'), run: (tx) => tx`update public.practice_members set practice_id = ${world.b.id} where user_id = ${user('doulaA').id}` },
    { name: 'practice_members.user_id', who: () => user('ownerA'), run: (tx) => tx`update public.practice_members set user_id = ${user('clientA1').id} where user_id = ${user('doulaA').id} and practice_id = ${world.a.id}` },
    { name: 'clients.practice_id', who: () => user('doulaA'), run: (tx) => tx`update public.clients set practice_id = ${world.b.id} where id = ${world.a2.id}` },
    { name: 'clients.created_by', who: () => user('doulaA'), run: (tx) => tx`update public.clients set created_by = ${user('doulaA').id} where id = ${world.a2.id}` },
    { name: 'journeys.client_id', who: () => user('doulaA'), run: (tx) => tx`update public.journeys set client_id = ${world.a2.id} where id = ${world.a1.journeyId}` },
    { name: 'notes.author_id', who: () => user('doulaA'), run: async (tx) => {
      const id = await rows.newNote(sql, world.a1, user('doulaA').id)
      return tx`update public.notes set author_id = ${user('ownerA').id} where id = ${id}`
    } },
    { name: 'documents.uploaded_by', who: () => user('doulaA'), run: async (tx) => {
      const id = await rows.newDocument(sql, world.a1, user('clientA1').id, true)
      return tx`update public.documents set uploaded_by = ${user('doulaA').id} where id = ${id}`
    } },
    { name: 'documents.storage_path', who: () => user('doulaA'), run: async (tx) => {
      const id = await rows.newDocument(sql, world.a1, user('doulaA').id, true)
      return tx`update public.documents set storage_path = ${rows.storagePathFor(world.a1)} where id = ${id}`
    } },
    { name: 'messages.body (never edited)', who: () => user('doulaA'), run: async (tx) => {
      const id = await rows.newMessage(sql, world.a1, user('doulaA').id, 'practice')
      return tx`update public.messages set body = 'rewritten' where id = ${id}`
    } },
    { name: 'form_requests.template_snapshot', who: () => user('doulaA'), run: async (tx) => {
      const id = await rows.newFormRequest(sql, world.a1)
      return tx`update public.form_requests set template_snapshot = '{"name":"forged"}' where id = ${id}`
    } },
    { name: 'clients.portal_user_id, by the client herself', who: () => user('clientA1'), run: (tx) => tx`update public.clients set portal_user_id = ${user('clientA2').id} where id = ${world.a1.id}` },
    { name: 'clients.archived_at, by the client herself', who: () => user('clientA1'), run: (tx) => tx`update public.clients set archived_at = now() where id = ${world.a1.id}` },
    { name: 'form_requests.template_snapshot, by the client', who: () => user('clientA1'), run: async (tx) => {
      const id = await rows.newFormRequest(sql, world.a1)
      return tx`update public.form_requests set template_snapshot = '{}' where id = ${id}`
    } },
  ]
  for (const c of cases) {
    it(`refuses changing ${c.name} with 42501`, async () => {
      expect(await as(c.who(), c.run)).toBe('42501')
    })
  }

  it('refuses changing practice_id even to the service role', async () => {
    const result = await sql
      .begin(async (tx) => {
        await tx`set local role service_role`
        return tx`update public.clients set practice_id = ${world.b.id} where id = ${world.a2.id}`
      })
      .catch((e: { code?: string }) => e.code)
    expect(result).toBe('42501')
  })

  it('lets a client edit her contact details and nothing else of her record', async () => {
    expect(await as(user('clientA1'), (tx) => tx`update public.clients set pronouns = 'she/her', phone = '+15550100' where id = ${world.a1.id}`)).toBe(1)
    expect(await as(user('clientA1'), (tx) => tx`update public.clients set first_name = 'Renamed' where id = ${world.a1.id}`)).toBe('42501')
  })

  it('lets a client fill in and submit an open form, then locks it', async () => {
    const id = await rows.newFormRequest(sql, world.a1)
    const client = user('clientA1')
    expect(await as(client, (tx) => tx`update public.form_requests set status = 'cancelled' where id = ${id}`)).toBe('42501')
    expect(await as(client, (tx) => tx`update public.form_requests set answers = '{"allergies":"none"}', status = 'submitted',
      signature_name = 'Alma Test', signed_at = now(), submitted_at = now() where id = ${id}`)).toBe(1)
    expect(await as(client, (tx) => tx`update public.form_requests set answers = '{}' where id = ${id}`)).toBe(0)
  })

  it('lets each side stamp only its own read receipt', async () => {
    const fromPractice = await rows.newMessage(sql, world.a1, user('doulaA').id, 'practice')
    const fromClient = await rows.newMessage(sql, world.a1, user('clientA1').id, 'client')
    expect(await as(user('clientA1'), (tx) => tx`update public.messages set read_by_practice_at = now() where id = ${fromPractice}`)).toBe('42501')
    expect(await as(user('doulaA'), (tx) => tx`update public.messages set read_by_client_at = now() where id = ${fromClient}`)).toBe('42501')
    expect(await as(user('clientA1'), (tx) => tx`update public.messages set read_by_client_at = now() where id = ${fromPractice}`)).toBe(1)
    expect(await as(user('doulaA'), (tx) => tx`update public.messages set read_by_practice_at = now() where id = ${fromClient}`)).toBe(1)
  })

  it('refuses a child row that links records of two practices', async () => {
    const result = await as(user('doulaA'), (tx) => tx`
      insert into public.milestones (practice_id, client_id, journey_id, title)
      values (${world.a.id}, ${world.b1.id}, ${world.b1.journeyId}, 'Cross-tenant')`)
    expect(result).toBe('23503')
  })

  it('refuses a primary doula who is not a member of the practice', async () => {
    const result = await as(user('doulaA'), (tx) => tx`
      update public.journeys set primary_doula_id = ${user('doulaB').id} where id = ${world.a1.journeyId}`)
    expect(result).toBe('23503')
  })
})

describe('roles and the last owner', () => {
  it('lets an admin add doulas but never grant or touch the owner role', async () => {
    const newcomer = await createUser(sql)
    expect(await as(user('adminA'), (tx) => tx`insert into public.practice_members (practice_id, user_id, role)
      values (${world.a.id}, ${newcomer.id}, 'owner')`)).toBe('42501')
    expect(await as(user('adminA'), (tx) => tx`insert into public.practice_members (practice_id, user_id, role)
      values (${world.a.id}, ${newcomer.id}, 'doula')`)).toBe(1)
    expect(await as(user('adminA'), (tx) => tx`update public.practice_members set role = 'owner'
      where practice_id = ${world.a.id} and user_id = ${newcomer.id}`)).toBe('42501')
    expect(await as(user('adminA'), (tx) => tx`update public.practice_members set role = 'doula'
      where practice_id = ${world.a.id} and user_id = ${user('ownerA').id}`)).toBe(0)
    expect(await as(user('doulaA'), (tx) => tx`update public.practice_members set role = 'admin'
      where practice_id = ${world.a.id} and user_id = ${user('doulaA').id}`)).toBe(0)
  })

  it('never lets the last owner leave or be demoted, and allows it once another owner exists', async () => {
    const owner = await createUser(sql)
    const practice = await createPractice(sql, owner, 'Solo Practice')
    expect(await as(owner, (tx) => tx`delete from public.practice_members where practice_id = ${practice.id} and user_id = ${owner.id}`)).toBe('42501')
    expect(await as(owner, (tx) => tx`update public.practice_members set role = 'admin' where practice_id = ${practice.id} and user_id = ${owner.id}`)).toBe('42501')
    const partner = await createUser(sql)
    await addMember(sql, practice.id, partner, 'owner')
    expect(await as(owner, (tx) => tx`delete from public.practice_members where practice_id = ${practice.id} and user_id = ${owner.id}`)).toBe(1)
    expect(await as(partner, (tx) => tx`delete from public.practice_members where practice_id = ${practice.id} and user_id = ${partner.id}`)).toBe('42501')
  })

  it('keeps one owner when two owners demote each other at the same time', async () => {
    const first = await createUser(sql)
    const practice = await createPractice(sql, first, 'Two Owners')
    const second = await createUser(sql)
    await addMember(sql, practice.id, second, 'owner')
    const demote = (who: TestUser, target: TestUser) =>
      as(who, (tx) => tx`update public.practice_members set role = 'doula' where practice_id = ${practice.id} and user_id = ${target.id}`)
    const results = await Promise.all([demote(first, second), demote(second, first)])
    expect(results.sort()).toEqual([1, '42501'].sort())
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from public.practice_members where practice_id = ${practice.id} and role = 'owner'`
    expect(row!.n).toBe(1)
  })
})

describe('accept_practice_invitation()', () => {
  it('joins the invited email once, with the invited role', async () => {
    const invitee = await createUser(sql)
    const token = randomUUID()
    await sql`insert into public.practice_invitations (practice_id, email, role, token_hash)
              values (${world.a.id}, ${invitee.email}, 'admin', ${rows.sha256Hex(token)})`
    const accept = (who: TestUser) => as(who, (tx) => tx`select public.accept_practice_invitation(${token})`)
    expect(await accept(await createUser(sql))).toBe('P0002')
    expect(await accept(invitee)).toBe(1)
    expect(await accept(invitee)).toBe('P0002')
    const [m] = await sql`select role from public.practice_members where practice_id = ${world.a.id} and user_id = ${invitee.id}`
    expect(m?.role).toBe('admin')
  })

  it('refuses an expired invitation', async () => {
    const invitee = await createUser(sql)
    const token = randomUUID()
    await sql`insert into public.practice_invitations (practice_id, email, token_hash, expires_at)
              values (${world.a.id}, ${invitee.email}, ${rows.sha256Hex(token)}, now() - interval '1 minute')`
    expect(await as(invitee, (tx) => tx`select public.accept_practice_invitation(${token})`)).toBe('P0002')
  })
})
