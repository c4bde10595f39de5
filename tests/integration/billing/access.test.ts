import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { entitlementFor, SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '../../../lib/billing/entitlement.ts'
import { clientAs, createUser } from '../../helpers/personas.ts'
import * as rows from '../../helpers/rows.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, PERSONAS, type World } from '../../helpers/world.ts'
import { apiDriver } from '../rls/drivers.ts'
import { cells, MATRIX, type Ctx } from '../rls/matrix.ts'
import { billingPractice, setSubscription } from './fixtures.ts'

const sql = superuser()
afterAll(() => sql.end())

/** Tables whose writes stay open in read-only mode: a person's own profile and asking for deletion. */
const OPEN_IN_READ_ONLY = new Set(['profiles', 'client_deletion_requests'])

describe('status → access, decided in the database as in lib/billing/entitlement.ts', () => {
  const statuses: (SubscriptionStatus | null)[] = [null, ...SUBSCRIPTION_STATUSES]
  for (const status of statuses) {
    it(`${status ?? 'no subscription'}: ${entitlementFor(status).access}`, async () => {
      const { practice, owner } = await billingPractice(sql, `Status ${status ?? 'none'}`)
      await setSubscription(sql, practice.id, status)
      const [row] = await sql<{ read_only: boolean }[]>`select private.practice_is_read_only(${practice.id}) as read_only`
      const readOnly = row?.read_only
      expect(readOnly).toBe(entitlementFor(status).access === 'read_only')
      const db = await clientAs(owner)
      const insert = await db.from('clients').insert({ practice_id: practice.id, first_name: 'Status', last_name: 'Check' })
      if (entitlementFor(status).access === 'full') expect(insert.error).toBeNull()
      else expect(insert.error).toMatchObject({ code: '42501', hint: 'billing_read_only' })
      // Every member may know the status (not the plan or amounts); the function answers the same.
      const { data } = await db.rpc('practice_billing_access', { p_practice_id: practice.id })
      expect(data).toEqual(status ? [{ status, read_only: readOnly, ended_at: null }] : [])
    })
  }
})

describe('a read-only practice: every write a person makes through the API is refused', () => {
  let ctx: Ctx
  let world: World
  const driver = apiDriver()
  beforeAll(async () => {
    world = await createWorld(sql)
    ctx = { sql, world }
    await setSubscription(sql, world.a.id, 'canceled')
  })

  for (const c of MATRIX) {
    const open = OPEN_IN_READ_ONLY.has(c.table)
    it(`${c.table} (${c.variant}): reads and deletes as before, ${open ? 'writes as before' : 'no insert or update'}`, async () => {
      const expect_ = (command: 'select' | 'insert' | 'update' | 'delete') => cells(c.expect[command])
      for (const [i, key] of PERSONAS.entries()) {
        const persona = world.personas[key]
        if (expect_('select')[i] === '✓') expect((await driver.select(persona, c.table, await c.target(ctx))).rows, `${key} select`).toBe(1)
        if (expect_('insert')[i] === '✓') {
          const row = await c.insert(ctx, persona)
          const attempt = await driver.insert(persona, c.table, row)
          if (open) expect(attempt.code, `${key} insert`).toBeUndefined()
          else expect(attempt, `${key} insert`).toMatchObject({ code: '42501', message: expect.stringMatching(/read-only/) })
          if (!attempt.code) await sql`delete from ${sql('public.' + c.table)} where id = ${String(row.id)}`
        }
        if (expect_('update')[i] === '✓' && !open) {
          const attempt = await driver.update(persona, c.table, await c.target(ctx), c.update(persona))
          expect(attempt, `${key} update`).toMatchObject({ code: '42501', message: expect.stringMatching(/read-only/) })
        }
        if (expect_('delete')[i] === '✓' && c.deleteTarget) {
          const id = await c.deleteTarget(ctx)
          expect((await driver.remove(persona, c.table, id)).code, `${key} delete`).toBeUndefined()
          const [left] = await sql`select 1 from ${sql('public.' + c.table)} where id = ${id}`
          expect(left, `${key} delete`).toBeUndefined()
        }
      }
    })
  }

  it('the app tells the person why: the database’s refusal reaches her as the read-only message', async () => {
    const { setClientArchived } = await import('../../../lib/clients/save-client.service.ts')
    const { READ_ONLY_MESSAGE } = await import('../../../lib/billing/write-refusals.ts')
    const owner = await clientAs(world.personas.ownerA.user!)
    await expect(setClientArchived(owner as never, world.a.id, world.a1.id, true)).rejects.toMatchObject({ code: 'forbidden', message: READ_ONLY_MESSAGE })
  })

  it('the service role still writes (webhooks, crons, erasure), and practice B is untouched', async () => {
    const admin = (await import('../../helpers/app-session.ts')).adminDb()
    const { error } = await admin.from('clients').insert({ practice_id: world.a.id, first_name: 'Service', last_name: 'Write' })
    expect(error).toBeNull()
    const doulaB = await clientAs(world.personas.doulaB.user!)
    const other = await doulaB.from('clients').insert({ id: randomUUID(), practice_id: world.b.id, first_name: 'B', last_name: 'Lead' })
    expect(other.error).toBeNull()
  })

  it('resubscribing makes it writable again', async () => {
    await setSubscription(sql, world.a.id, 'active')
    const owner = await clientAs(world.personas.ownerA.user!)
    expect((await owner.from('clients').insert({ practice_id: world.a.id, first_name: 'Back', last_name: 'Again' })).error).toBeNull()
  })
})

describe('seats', () => {
  it('refuses an invitation beyond the plan’s seats, in the database and with a clear message in the app', async () => {
    const { practice, owner, actor } = await billingPractice(sql, 'Seat Practice')
    await setSubscription(sql, practice.id, 'active', 2, 'team')
    const { inviteMember } = await import('../../../lib/team/invitations.ts')
    const { adminDb } = await import('../../helpers/app-session.ts')
    const db = await clientAs(owner)
    const sent: string[] = []
    const deps = { db, admin: adminDb(), siteUrl: 'http://127.0.0.1:3998', deliver: async (e: { to: string }) => (sent.push(e.to), { id: randomUUID() }) }
    const teamActor = { practiceId: actor.practiceId, practiceName: actor.practiceName, role: actor.role, userId: actor.userId, email: owner.email }
    await inviteMember(deps as never, teamActor, { email: `seat-one-${randomUUID().slice(0, 6)}@test.doulaos.app`, role: 'doula' })
    await expect(inviteMember(deps as never, teamActor, { email: `seat-two-${randomUUID().slice(0, 6)}@test.doulaos.app`, role: 'doula' })).rejects.toMatchObject({
      name: 'FieldErrors',
      fields: { email: 'Your plan has 2 seats, and every one is taken by a member or a pending invitation. Add seats in Settings → Billing, or revoke a pending invitation.' },
    })
    expect(sent).toHaveLength(1)
    // Directly through the API, bypassing the app: the same refusal.
    const direct = await db.from('practice_invitations').insert({
      practice_id: practice.id, email: `direct-${randomUUID().slice(0, 6)}@test.doulaos.app`, role: 'doula', token_hash: rows.sha256Hex(randomUUID()),
    })
    expect(direct.error).toMatchObject({ code: '23514', hint: 'seat_limit' })
    // A member joining through her invitation takes the seat it held, not another.
    const invited = await createUser(sql)
    await sql`delete from public.practice_invitations where practice_id = ${practice.id}`
    await sql`insert into public.practice_invitations (practice_id, email, role, token_hash)
              values (${practice.id}, ${invited.email}, 'doula', ${rows.sha256Hex(randomUUID())})`
    await sql`insert into public.profiles (id, full_name, email) values (${invited.id}, 'Invited', ${invited.email})`
    const joined = await sql`insert into public.practice_members (practice_id, user_id, role) values (${practice.id}, ${invited.id}, 'doula') returning id`
    expect(joined).toHaveLength(1)
    await sql`update public.practice_invitations set accepted_at = now() where practice_id = ${practice.id}`
    const third = await createUser(sql)
    await expect(sql`insert into public.practice_members (practice_id, user_id, role) values (${practice.id}, ${third.id}, 'doula')`).rejects.toMatchObject({ code: '23514' })
  })

  it('no plan yet, or a plan with room: invitations go through', async () => {
    const { practice, owner } = await billingPractice(sql, 'Roomy Practice')
    const db = await clientAs(owner)
    const invite = () => db.from('practice_invitations').insert({
      practice_id: practice.id, email: `room-${randomUUID().slice(0, 6)}@test.doulaos.app`, role: 'doula', token_hash: rows.sha256Hex(randomUUID()),
    })
    expect((await invite()).error).toBeNull()
    await setSubscription(sql, practice.id, 'trialing', 5, 'team')
    expect((await invite()).error).toBeNull()
  })
})
