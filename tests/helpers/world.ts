import { randomUUID } from 'node:crypto'
import type { Sql } from 'postgres'
import { createUser, type TestUser } from './personas.ts'

/** The personas of the access matrix, in matrix column order. */
export const PERSONAS = ['anon', 'ownerA', 'adminA', 'doulaA', 'clientA1', 'clientA2', 'doulaB', 'clientB1', 'doulaBClientA'] as const
export type PersonaKey = (typeof PERSONAS)[number]

export interface Persona {
  key: PersonaKey
  /** null for anon. */
  user: TestUser | null
  /** Which side of a practice the persona acts on when it writes (messages, documents). */
  side: 'practice' | 'client'
}

export interface Practice {
  id: string
  owner: TestUser
}

export interface ClientRecord {
  id: string
  practiceId: string
  journeyId: string
}

/**
 * Two practices with members and portal clients:
 *   A: ownerA (owner), adminA (admin), doulaA (doula); clients A1, A2 and A3 (whose portal login
 *      is doulaBClientA); B: ownerB (owner), doulaB and doulaBClientA (doulas); client B1.
 */
export interface World {
  personas: Record<PersonaKey, Persona>
  a: Practice
  b: Practice
  a1: ClientRecord
  a2: ClientRecord
  a3: ClientRecord
  b1: ClientRecord
}

export async function createPractice(sql: Sql, owner: TestUser, name: string): Promise<Practice> {
  const id = randomUUID()
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${id.slice(0, 8)}`
  await sql`insert into public.profiles (id, full_name, email) values (${owner.id}, ${name + ' owner'}, ${owner.email})
            on conflict (id) do nothing`
  await sql`insert into public.practices (id, name, slug, created_by) values (${id}, ${name}, ${slug}, ${owner.id})`
  await addMember(sql, id, owner, 'owner')
  return { id, owner }
}

export async function addMember(sql: Sql, practiceId: string, user: TestUser, role: 'owner' | 'admin' | 'doula') {
  await sql`insert into public.profiles (id, full_name, email) values (${user.id}, ${role + ' ' + user.email}, ${user.email})
            on conflict (id) do nothing`
  const [row] = await sql<{ id: string }[]>`
    insert into public.practice_members (practice_id, user_id, role) values (${practiceId}, ${user.id}, ${role}) returning id`
  return row!.id
}

export async function createClientRecord(sql: Sql, practiceId: string, portalUser: TestUser | null, firstName: string): Promise<ClientRecord> {
  const [client] = await sql<{ id: string }[]>`
    insert into public.clients (practice_id, first_name, last_name, email, portal_user_id)
    values (${practiceId}, ${firstName}, 'Test', ${portalUser?.email ?? null}, ${portalUser?.id ?? null}) returning id`
  const [journey] = await sql<{ id: string }[]>`
    insert into public.journeys (practice_id, client_id, due_date, status)
    values (${practiceId}, ${client!.id}, current_date + 120, 'booked') returning id`
  return { id: client!.id, practiceId, journeyId: journey!.id }
}

export async function createWorld(sql: Sql): Promise<World> {
  const users = {
    ownerA: await createUser(sql, { fullName: 'Owner A' }),
    adminA: await createUser(sql, { fullName: 'Admin A' }),
    doulaA: await createUser(sql, { fullName: 'Doula A' }),
    clientA1: await createUser(sql, { fullName: 'Client A1' }),
    clientA2: await createUser(sql, { fullName: 'Client A2' }),
    ownerB: await createUser(sql, { fullName: 'Owner B' }),
    doulaB: await createUser(sql, { fullName: 'Doula B' }),
    clientB1: await createUser(sql, { fullName: 'Client B1' }),
    doulaBClientA: await createUser(sql, { fullName: 'Doula B, client of A' }),
  }
  const a = await createPractice(sql, users.ownerA, 'Practice A')
  await addMember(sql, a.id, users.adminA, 'admin')
  await addMember(sql, a.id, users.doulaA, 'doula')
  const b = await createPractice(sql, users.ownerB, 'Practice B')
  await addMember(sql, b.id, users.doulaB, 'doula')
  await addMember(sql, b.id, users.doulaBClientA, 'doula')

  const persona = (key: PersonaKey, user: TestUser | null, side: Persona['side']): Persona => ({ key, user, side })
  const world = {
    personas: {
      anon: persona('anon', null, 'client'),
      ownerA: persona('ownerA', users.ownerA, 'practice'),
      adminA: persona('adminA', users.adminA, 'practice'),
      doulaA: persona('doulaA', users.doulaA, 'practice'),
      clientA1: persona('clientA1', users.clientA1, 'client'),
      clientA2: persona('clientA2', users.clientA2, 'client'),
      doulaB: persona('doulaB', users.doulaB, 'practice'),
      clientB1: persona('clientB1', users.clientB1, 'client'),
      doulaBClientA: persona('doulaBClientA', users.doulaBClientA, 'client'),
    },
    a,
    b,
    a1: await createClientRecord(sql, a.id, users.clientA1, 'Alma'),
    a2: await createClientRecord(sql, a.id, users.clientA2, 'Bea'),
    a3: await createClientRecord(sql, a.id, users.doulaBClientA, 'Cora'),
    b1: await createClientRecord(sql, b.id, users.clientB1, 'Dina'),
  }
  // The logins each practice's invitations created (the owners signed up themselves, doulaBClientA
  // through B's team invitation): only these may ever be deleted with a practice or a client.
  await recordLoginOrigin(sql, users.adminA, a.id)
  await recordLoginOrigin(sql, users.doulaA, a.id)
  await recordLoginOrigin(sql, users.clientA1, a.id, world.a1.id)
  await recordLoginOrigin(sql, users.clientA2, a.id, world.a2.id)
  await recordLoginOrigin(sql, users.doulaB, b.id)
  await recordLoginOrigin(sql, users.doulaBClientA, b.id)
  await recordLoginOrigin(sql, users.clientB1, b.id, world.b1.id)
  return world
}

/** Records that a practice's invitation created this login, as the invitation flows do. */
export async function recordLoginOrigin(sql: Sql, user: TestUser, practiceId: string, clientId: string | null = null) {
  await sql`insert into private.login_origins (user_id, practice_id, client_id) values (${user.id}, ${practiceId}, ${clientId})`
}
