import { randomUUID } from 'node:crypto'
import type { SupabaseClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { claimsFor, clientAs, createUser, type TestUser } from '../../helpers/personas.ts'
import * as rows from '../../helpers/rows.ts'
import { superuser } from '../../helpers/stack.ts'
import { addMember, createPractice, createWorld, type World } from '../../helpers/world.ts'

// Triggers and WITH CHECK rules that the matrix does not reach, driven through supabase-js.
const sql = superuser()
afterAll(() => sql.end())

let world: World
beforeAll(async () => {
  world = await createWorld(sql)
})

const user = (key: keyof World['personas']) => world.personas[key].user!
const api = (who: TestUser): Promise<SupabaseClient> => clientAs(who)

type Result = { data: unknown[] | null; error: { code: string; message: string } | null }
/** The error code, or how many rows the statement returned (= affected, with `.select()`). */
const outcome = ({ data, error }: Result): number | string => (error ? error.code : (data?.length ?? 0))

async function update(who: TestUser, table: string, match: Record<string, string>, patch: Record<string, unknown>) {
  return outcome(await (await api(who)).from(table).update(patch).match(match).select('*'))
}
async function insert(who: TestUser, table: string, row: Record<string, unknown>) {
  return outcome(await (await api(who)).from(table).insert(row).select('*'))
}
async function remove(who: TestUser, table: string, match: Record<string, string>) {
  return outcome(await (await api(who)).from(table).delete().match(match).select('*'))
}

describe('protected columns', () => {
  const cases: { name: string; who: () => TestUser; table: string; match: () => Promise<Record<string, string>>; patch: () => Record<string, unknown> }[] = [
    { name: 'practices.created_by', who: () => user('ownerA'), table: 'practices', match: async () => ({ id: world.a.id }), patch: () => ({ created_by: user('adminA').id }) },
    { name: 'practice_members.practice_id', who: () => user('ownerA'), table: 'practice_members',
      match: async () => ({ practice_id: world.a.id, user_id: user('doulaA').id }), patch: () => ({ practice_id: world.b.id }) },
    { name: 'practice_members.user_id', who: () => user('ownerA'), table: 'practice_members',
      match: async () => ({ practice_id: world.a.id, user_id: user('doulaA').id }), patch: () => ({ user_id: user('clientA1').id }) },
    { name: 'clients.practice_id', who: () => user('doulaA'), table: 'clients', match: async () => ({ id: world.a2.id }), patch: () => ({ practice_id: world.b.id }) },
    { name: 'clients.created_by', who: () => user('doulaA'), table: 'clients', match: async () => ({ id: world.a2.id }), patch: () => ({ created_by: user('doulaA').id }) },
    { name: 'journeys.client_id', who: () => user('doulaA'), table: 'journeys', match: async () => ({ id: world.a1.journeyId }), patch: () => ({ client_id: world.a2.id }) },
    { name: 'notes.author_id', who: () => user('doulaA'), table: 'notes',
      match: async () => ({ id: await rows.newNote(sql, world.a1, user('doulaA').id) }), patch: () => ({ author_id: user('ownerA').id }) },
    { name: 'documents.uploaded_by', who: () => user('doulaA'), table: 'documents',
      match: async () => ({ id: await rows.newDocument(sql, world.a1, user('clientA1').id, true) }), patch: () => ({ uploaded_by: user('doulaA').id }) },
    { name: 'documents.storage_path', who: () => user('doulaA'), table: 'documents',
      match: async () => ({ id: await rows.newDocument(sql, world.a1, user('doulaA').id, true) }), patch: () => ({ storage_path: rows.storagePathFor(world.a1) }) },
    { name: 'messages.body (messages are never edited)', who: () => user('doulaA'), table: 'messages',
      match: async () => ({ id: await rows.newMessage(sql, world.a1, user('clientA1').id, 'client') }), patch: () => ({ body: 'rewritten' }) },
    { name: 'form_requests.template_snapshot', who: () => user('doulaA'), table: 'form_requests',
      match: async () => ({ id: await rows.newFormRequest(sql, world.a1) }), patch: () => ({ template_snapshot: { name: 'forged' } }) },
    { name: 'clients.portal_user_id, by the client herself', who: () => user('clientA1'), table: 'clients',
      match: async () => ({ id: world.a1.id }), patch: () => ({ portal_user_id: user('clientA2').id }) },
    { name: 'clients.archived_at, by the client herself', who: () => user('clientA1'), table: 'clients',
      match: async () => ({ id: world.a1.id }), patch: () => ({ archived_at: new Date().toISOString() }) },
    { name: 'form_requests.template_snapshot, by the client', who: () => user('clientA1'), table: 'form_requests',
      match: async () => ({ id: await rows.newFormRequest(sql, world.a1) }), patch: () => ({ template_snapshot: {} }) },
  ]
  for (const c of cases) {
    it(`refuses changing ${c.name} with 42501`, async () => {
      expect(await update(c.who(), c.table, await c.match(), c.patch())).toBe('42501')
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
    expect(await update(user('clientA1'), 'clients', { id: world.a1.id }, { pronouns: 'she/her', phone: '+15550100' })).toBe(1)
    expect(await update(user('clientA1'), 'clients', { id: world.a1.id }, { first_name: 'Renamed' })).toBe('42501')
  })

  it('lets each side stamp only its own read receipt', async () => {
    const fromPractice = await rows.newMessage(sql, world.a1, user('doulaA').id, 'practice')
    const fromClient = await rows.newMessage(sql, world.a1, user('clientA1').id, 'client')
    const now = new Date().toISOString()
    expect(await update(user('clientA1'), 'messages', { id: fromPractice }, { read_by_practice_at: now })).toBe('42501')
    expect(await update(user('doulaA'), 'messages', { id: fromClient }, { read_by_client_at: now })).toBe('42501')
    expect(await update(user('clientA1'), 'messages', { id: fromPractice }, { read_by_client_at: now })).toBe(1)
    expect(await update(user('doulaA'), 'messages', { id: fromClient }, { read_by_practice_at: now })).toBe(1)
  })

  it('refuses a child row that links records of two practices', async () => {
    expect(await insert(user('doulaA'), 'milestones', {
      practice_id: world.a.id, client_id: world.b1.id, journey_id: world.b1.journeyId, title: 'Cross-tenant',
    })).toBe('23503')
  })

  it('refuses a primary doula who is not a member of the practice', async () => {
    expect(await update(user('doulaA'), 'journeys', { id: world.a1.journeyId }, { primary_doula_id: user('doulaB').id })).toBe('23503')
  })

  it('refuses a document row from any person, and a path outside its client folder even from the server', async () => {
    const row = {
      practice_id: world.a.id, client_id: world.a1.id, storage_path: rows.storagePathFor(world.a1),
      file_name: 'x.pdf', mime_type: 'application/pdf', size_bytes: 10, uploaded_by: user('doulaA').id,
    }
    expect(await insert(user('doulaA'), 'documents', row)).toBe('42501')
    expect(await insert(user('clientA1'), 'documents', { ...row, uploaded_by: user('clientA1').id })).toBe('42501')
    const outside = sql`insert into public.documents ${sql({ ...row, storage_path: rows.storagePathFor(world.a2) })}`
    await expect(outside).rejects.toMatchObject({ code: '23514' })
  })
})

describe('roles and the last owner', () => {
  it('lets no one add a member directly, and an admin never grant or touch the owner role', async () => {
    const newcomer = await createUser(sql)
    const admin = user('adminA')
    const membership = { practice_id: world.a.id, user_id: newcomer.id }
    expect(await insert(admin, 'practice_members', { ...membership, role: 'doula' })).toBe('42501')
    expect(await insert(user('ownerA'), 'practice_members', { ...membership, role: 'doula' })).toBe('42501')
    await addMember(sql, world.a.id, newcomer, 'doula')
    expect(await update(admin, 'practice_members', membership, { role: 'owner' })).toBe('42501')
    expect(await update(admin, 'practice_members', { practice_id: world.a.id, user_id: user('ownerA').id }, { role: 'doula' })).toBe(0)
    expect(await update(user('doulaA'), 'practice_members', { practice_id: world.a.id, user_id: user('doulaA').id }, { role: 'admin' })).toBe(0)
  })

  it('never lets the last owner leave or be demoted, and allows it once another owner exists', async () => {
    const owner = await createUser(sql)
    const practice = await createPractice(sql, owner, 'Solo Practice')
    const own = { practice_id: practice.id, user_id: owner.id }
    expect(await remove(owner, 'practice_members', own)).toBe('42501')
    expect(await update(owner, 'practice_members', own, { role: 'admin' })).toBe('42501')
    const partner = await createUser(sql)
    await addMember(sql, practice.id, partner, 'owner')
    expect(await remove(owner, 'practice_members', own)).toBe(1)
    expect(await remove(partner, 'practice_members', { practice_id: practice.id, user_id: partner.id })).toBe('42501')
  })

  it('keeps one owner when two owners demote each other in overlapping transactions', async () => {
    const first = await createUser(sql)
    const practice = await createPractice(sql, first, 'Two Owners')
    const second = await createUser(sql)
    await addMember(sql, practice.id, second, 'owner')
    // A pool of its own: both connections stay reserved until the two transactions end.
    const pool = superuser()
    const [one, two] = [await pool.reserve(), await pool.reserve()]
    try {
      const open = async (conn: typeof one, who: TestUser) => {
        await conn`begin`
        await conn`select set_config('request.jwt.claims', ${JSON.stringify(claimsFor(who))}, true)`
        await conn`set local role authenticated`
      }
      await open(one, first)
      await open(two, second)
      const demoted = await one`update public.practice_members set role = 'doula'
        where practice_id = ${practice.id} and user_id = ${second.id}`
      expect(demoted.count).toBe(1)
      let settled = false
      const pending = two`update public.practice_members set role = 'doula'
        where practice_id = ${practice.id} and user_id = ${first.id}`.then(
        () => 'demoted',
        (e: { code?: string }) => e.code,
      ).finally(() => {
        settled = true
      })
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(settled).toBe(false)
      await one`commit`
      expect(await pending).toBe('42501')
      await two`rollback`
    } finally {
      one.release()
      two.release()
      await pool.end()
    }
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from public.practice_members where practice_id = ${practice.id} and role = 'owner'`
    expect(row!.n).toBe(1)
  })
})

describe('accept_practice_invitation()', () => {
  const accept = async (who: TestUser, token: string) => {
    const { error } = await (await api(who)).rpc('accept_practice_invitation', { token })
    return error ? error.code : 'accepted'
  }

  it('joins the invited email once, with the invited role', async () => {
    const invitee = await createUser(sql)
    const token = randomUUID()
    await sql`insert into public.practice_invitations (practice_id, email, role, token_hash)
              values (${world.a.id}, ${invitee.email}, 'admin', ${rows.sha256Hex(token)})`
    expect(await accept(await createUser(sql), token)).toBe('P0002')
    expect(await accept(invitee, token)).toBe('accepted')
    expect(await accept(invitee, token)).toBe('P0002')
    const [m] = await sql`select role from public.practice_members where practice_id = ${world.a.id} and user_id = ${invitee.id}`
    expect(m?.role).toBe('admin')
  })

  it('refuses an expired invitation', async () => {
    const invitee = await createUser(sql)
    const token = randomUUID()
    await sql`insert into public.practice_invitations (practice_id, email, token_hash, expires_at)
              values (${world.a.id}, ${invitee.email}, ${rows.sha256Hex(token)}, now() - interval '1 minute')`
    expect(await accept(invitee, token)).toBe('P0002')
  })
})
