import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ClientListParamsSchema } from '../../../lib/clients/client.schema.ts'
import { getClientOrThrow, listClients, listMilestones } from '../../../lib/clients/queries.ts'
import { createClient, setClientArchived, updateClient } from '../../../lib/clients/save-client.service.ts'
import { DEFAULT_MILESTONE_TEMPLATE } from '../../../lib/pregnancy/milestones.ts'
import { superuser } from '../../helpers/stack.ts'
import { clientForm, dayFromToday, fieldErrorsOf, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture

beforeAll(async () => {
  a = await newPractice(sql, 'Clients A')
  b = await newPractice(sql, 'Clients B')
})
afterAll(() => sql.end())

const params = (input: Record<string, string> = {}) => ClientListParamsSchema.parse(input)
const countClients = async (practiceId: string) =>
  Number((await sql<{ n: string }[]>`select count(*) as n from public.clients where practice_id = ${practiceId}`)[0]!.n)

describe('creating a client', () => {
  it('saves her with a booked journey, her doula and the default milestone timeline', async () => {
    const due = dayFromToday(90)
    const { clientId, journeyId } = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Ines', dueDate: due, primaryDoulaId: a.doula.id }))
    const detail = await getClientOrThrow(a.doulaDb, a.id, clientId)
    expect(detail.first_name).toBe('Ines')
    expect(detail.current).toMatchObject({ id: journeyId, due_date: due, status: 'booked', primary_doula_id: a.doula.id })
    const milestones = await listMilestones(a.doulaDb, a.id, clientId)
    expect(milestones.map((m) => m.title)).toEqual(expect.arrayContaining(DEFAULT_MILESTONE_TEMPLATE.map((t) => t.title)))
    expect(milestones.find((m) => m.title === 'Estimated due date')?.due_on).toBe(due)
  })

  it('refuses impossible due dates, unknown doulas and duplicate emails on their fields, saving nothing', async () => {
    const before = await countClients(a.id)
    expect(await fieldErrorsOf(() => createClient(a.doulaDb, a.settings, clientForm({ dueDate: dayFromToday(44 * 7 + 1) })))).toEqual({
      dueDate: expect.stringContaining('more than 44 weeks away'),
    })
    expect(await fieldErrorsOf(() => createClient(a.doulaDb, a.settings, clientForm({ dueDate: dayFromToday(-6 * 7 - 1) })))).toEqual({
      dueDate: expect.stringContaining('more than 6 weeks ago'),
    })
    expect(await fieldErrorsOf(() => createClient(a.doulaDb, a.settings, clientForm({ primaryDoulaId: b.doula.id })))).toEqual({
      primaryDoulaId: 'Choose a doula from your team.',
    })
    expect(await fieldErrorsOf(() => createClient(a.doulaDb, a.settings, clientForm({ dueDate: '2027-02-30', firstName: ' ' })))).toMatchObject({
      dueDate: 'Enter a real date, like 2027-03-14.',
      firstName: 'Enter her first name.',
    })
    const email = 'twin@example.com'
    await createClient(a.doulaDb, a.settings, clientForm({ email, dueDate: '' }))
    expect(await fieldErrorsOf(() => createClient(a.doulaDb, a.settings, clientForm({ email: 'Twin@Example.com', dueDate: '' })))).toEqual({
      email: 'Another client of your practice already uses this email address.',
    })
    expect(await countClients(a.id)).toBe(before + 1)
    // The same email is fine in another practice.
    await expect(createClient(b.doulaDb, b.settings, clientForm({ email, dueDate: '' }))).resolves.toBeTruthy()
  })

  it('gives another practice `not_found`', async () => {
    await expect(createClient(b.doulaDb, { ...b.settings, id: a.id }, clientForm())).rejects.toMatchObject({ code: 'not_found' })
    expect(
      await sql`select 1 from public.clients where practice_id = ${a.id} and created_by = ${b.doula.id}`,
    ).toHaveLength(0)
  })
})

describe('editing and archiving', () => {
  it('updates her details and journey; another practice gets not_found and changes nothing', async () => {
    const { clientId } = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Nora', dueDate: dayFromToday(100) }))
    await updateClient(a.doulaDb, a.settings, { ...clientForm({ firstName: 'Nora', lastName: 'Quinn', dueDate: dayFromToday(101), status: 'active', backupDoulaId: a.owner.id }), clientId })
    const detail = await getClientOrThrow(a.doulaDb, a.id, clientId)
    expect(detail).toMatchObject({ last_name: 'Quinn' })
    expect(detail.current).toMatchObject({ due_date: dayFromToday(101), status: 'active', backup_doula_id: a.owner.id })

    await expect(updateClient(b.doulaDb, b.settings, { ...clientForm({ firstName: 'Hacked' }), clientId })).rejects.toMatchObject({ code: 'not_found' })
    await expect(getClientOrThrow(b.doulaDb, b.id, clientId)).rejects.toMatchObject({ code: 'not_found' })
    await expect(getClientOrThrow(b.doulaDb, a.id, clientId)).rejects.toMatchObject({ code: 'not_found' })
    expect((await getClientOrThrow(a.doulaDb, a.id, clientId)).first_name).toBe('Nora')
  })

  it('saves her details and her journey together or not at all', async () => {
    const { clientId, journeyId } = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Alma', lastName: 'Ruiz', dueDate: dayFromToday(100) }))
    // A journey write the database refuses (a backup doula from another practice breaks the composite
    // foreign key) after a valid client write: the client write is rolled back with it.
    const { error } = await a.doulaDb.rpc('update_client_with_journey', {
      p_practice_id: a.id,
      p_client_id: clientId,
      p_client: { first_name: 'Alma', last_name: 'Changed', preferred_name: null, pronouns: null, email: null, phone: null },
      p_journey_id: journeyId,
      p_journey: { due_date: dayFromToday(100), status: 'booked', primary_doula_id: null, backup_doula_id: b.doula.id },
    })
    expect(error?.code).toBe('23503')
    const detail = await getClientOrThrow(a.doulaDb, a.id, clientId)
    expect(detail.last_name).toBe('Ruiz')
    expect(detail.current).toMatchObject({ id: journeyId, backup_doula_id: null })

    // A journey that is not hers refuses the whole save the same way.
    const other = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Other', dueDate: dayFromToday(90) }))
    const wrongJourney = await a.doulaDb.rpc('update_client_with_journey', {
      p_practice_id: a.id,
      p_client_id: clientId,
      p_client: { first_name: 'Alma', last_name: 'Changed' },
      p_journey_id: other.journeyId,
      p_journey: { due_date: dayFromToday(90), status: 'booked' },
    })
    expect(wrongJourney.error?.code).toBe('P0002')
    expect((await getClientOrThrow(a.doulaDb, a.id, clientId)).last_name).toBe('Ruiz')
  })

  it('keeps a past due date editable when it does not change', async () => {
    const [row] = await sql<{ id: string }[]>`
      insert into public.clients (practice_id, first_name) values (${a.id}, 'Past') returning id`
    await sql`insert into public.journeys (practice_id, client_id, due_date, status)
              values (${a.id}, ${row!.id}, ${dayFromToday(-80)}, 'postpartum')`
    await updateClient(a.doulaDb, a.settings, { ...clientForm({ firstName: 'Past', phone: '555-0100', dueDate: dayFromToday(-80), status: 'postpartum' }), clientId: row!.id })
    expect((await getClientOrThrow(a.doulaDb, a.id, row!.id)).phone).toBe('555-0100')
  })

  it('archives out of the active list and back; another practice gets not_found', async () => {
    const { clientId } = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Zelda', lastName: 'Archive' }))
    await setClientArchived(a.doulaDb, a.id, clientId, true)
    expect((await listClients(a.doulaDb, a.id, params({ q: 'Zelda' }))).rows).toHaveLength(0)
    expect((await listClients(a.doulaDb, a.id, params({ q: 'Zelda', archived: '1' }))).rows.map((r) => r.id)).toEqual([clientId])
    await expect(setClientArchived(b.doulaDb, b.id, clientId, false)).rejects.toMatchObject({ code: 'not_found' })
    await setClientArchived(a.doulaDb, a.id, clientId, false)
    expect((await listClients(a.doulaDb, a.id, params({ q: 'Zelda' }))).rows.map((r) => r.id)).toEqual([clientId])
  })
})

describe('the client list', () => {
  let p: PracticeFixture
  beforeAll(async () => {
    p = await newPractice(sql, 'List')
    const rows: [string, string, number, 'lead' | 'booked' | 'active', boolean][] = [
      ['Ada', 'Brown', 30, 'booked', true],
      ['Bea', 'Clark', 65, 'lead', false],
      ['Cy', 'Adams', 120, 'active', true],
      ['Dee', 'Evans', 35, 'booked', false],
      ['Eve', 'Dunn_%', 200, 'lead', false],
    ]
    for (const [firstName, lastName, days, status, mine] of rows) {
      await createClient(p.doulaDb, p.settings, clientForm({ firstName, lastName, dueDate: dayFromToday(days), status, primaryDoulaId: mine ? p.doula.id : '' }))
    }
  })
  const names = (rows: { firstName: string }[]) => rows.map((r) => r.firstName)

  it('sorts by last name or by due date', async () => {
    expect(names((await listClients(p.doulaDb, p.id, params())).rows)).toEqual(['Cy', 'Ada', 'Bea', 'Eve', 'Dee'])
    expect(names((await listClients(p.doulaDb, p.id, params({ sort: 'due_date' }))).rows)).toEqual(['Ada', 'Dee', 'Bea', 'Cy', 'Eve'])
  })

  it('searches names and emails, treating % and _ literally', async () => {
    expect(names((await listClients(p.doulaDb, p.id, params({ q: 'cLaR' }))).rows)).toEqual(['Bea'])
    expect(names((await listClients(p.doulaDb, p.id, params({ q: '_%' }))).rows)).toEqual(['Eve'])
    expect(names((await listClients(p.doulaDb, p.id, params({ q: 'maya-' }))).rows)).toHaveLength(5)
  })

  it('filters by status, doula and due month', async () => {
    expect(names((await listClients(p.doulaDb, p.id, params({ status: 'booked' }))).rows)).toEqual(['Ada', 'Dee'])
    expect(names((await listClients(p.doulaDb, p.id, params({ doula: p.doula.id }))).rows)).toEqual(['Cy', 'Ada'])
    const month = dayFromToday(120).slice(0, 7)
    const inMonth = (await listClients(p.doulaDb, p.id, params({ due: month }))).rows
    expect(inMonth.every((r) => r.dueDate?.startsWith(month))).toBe(true)
    expect(names(inMonth)).toContain('Cy')
  })

  it('pages with a keyset cursor: every client once, in order, and at most 50 rows a page', async () => {
    const seen: string[] = []
    let after: string | undefined
    for (let i = 0; i < 5; i++) {
      const page = await listClients(p.doulaDb, p.id, params(after ? { sort: 'due_date', after } : { sort: 'due_date' }), 2)
      seen.push(...names(page.rows))
      if (!page.next) break
      after = page.next
    }
    expect(seen).toEqual(['Ada', 'Dee', 'Bea', 'Cy', 'Eve'])
    expect((await listClients(p.doulaDb, p.id, params(), 500)).rows.length).toBeLessThanOrEqual(50)
  })

  it('shows another practice nothing', async () => {
    expect((await listClients(b.doulaDb, p.id, params())).rows).toEqual([])
  })
})
