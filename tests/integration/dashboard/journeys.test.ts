import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getClientOrThrow, listClients } from '../../../lib/clients/queries.ts'
import { createClient } from '../../../lib/clients/save-client.service.ts'
import { checkJourneyCapacity } from '../../../lib/journeys/capacity.ts'
import { moveJourney, recordBirth, startJourney } from '../../../lib/journeys/journey.service.ts'
import { getPracticeSettings } from '../../../lib/practice/settings.ts'
import { superuser } from '../../helpers/stack.ts'
import { clientForm, dayFromToday, fieldErrorsOf, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture

beforeAll(async () => {
  a = await newPractice(sql, 'Journeys A')
  b = await newPractice(sql, 'Journeys B')
  await sql`update public.practices set time_zone = 'America/Chicago', capacity_max_due_dates = 2, capacity_window_days = 14
            where id = ${a.id}`
  a.settings = await getPracticeSettings(a.doulaDb, a.id)
})
afterAll(() => sql.end())

describe('capacity guard', () => {
  it('lists booked journeys whose on-call windows overlap, and warns before the rule is broken', async () => {
    const first = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Cap1', dueDate: dayFromToday(100) }))
    await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Lead', dueDate: dayFromToday(101), status: 'lead' }))
    const practice = await getPracticeSettings(a.doulaDb, a.id)

    const report = await checkJourneyCapacity(a.doulaDb, practice, dayFromToday(110))
    expect(report.overlapping.map((j) => j.clientName)).toEqual(['Cap1 Lopez'])
    expect(report.exceeded).toBe(false)
    // 100 and 200 days: no overlap between 38w-42w windows.
    expect((await checkJourneyCapacity(a.doulaDb, practice, dayFromToday(200))).overlapping).toEqual([])
    // Editing a journey does not count it against itself.
    expect((await checkJourneyCapacity(a.doulaDb, practice, dayFromToday(100), first.journeyId)).overlapping).toEqual([])

    await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Cap2', dueDate: dayFromToday(105) }))
    expect((await checkJourneyCapacity(a.doulaDb, practice, dayFromToday(110))).exceeded).toBe(true)
    expect(await fieldErrorsOf(() => createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Cap3', dueDate: dayFromToday(110) })))).toEqual({
      dueDate: expect.stringContaining('at most 2 due dates within 14 days'),
    })
    expect(await sql`select 1 from public.clients where practice_id = ${a.id} and first_name = 'Cap3'`).toHaveLength(0)
    // A lead does not take a place, and a doula who confirms the warning may book anyway.
    await expect(createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Cap3', dueDate: dayFromToday(110), status: 'lead' }))).resolves.toBeTruthy()
    await expect(
      createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Cap4', dueDate: dayFromToday(110), acceptCapacityWarning: true })),
    ).resolves.toBeTruthy()
  })

  it('shows another practice none of these journeys', async () => {
    const practiceB = await getPracticeSettings(b.doulaDb, b.id)
    expect((await checkJourneyCapacity(b.doulaDb, { ...practiceB, id: a.id }, dayFromToday(110))).overlapping).toEqual([])
    await expect(getPracticeSettings(b.doulaDb, a.id)).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('birth and the next journey', () => {
  it('records the birth in the practice time zone and moves the journey to postpartum', async () => {
    const { clientId, journeyId } = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Birth', dueDate: dayFromToday(3), acceptCapacityWarning: true }))
    const yesterday = dayFromToday(-2)
    await recordBirth(a.doulaDb, a.settings, { journeyId, bornAt: `${yesterday}T23:30`, birthPlace: 'home', deliveryMode: 'vaginal', babyCount: '2' })
    const [row] = await sql<{ born_at: Date; status: string; baby_count: number; local: string }[]>`
      select born_at, status, baby_count, to_char(born_at at time zone 'America/Chicago', 'YYYY-MM-DD"T"HH24:MI') as local
      from public.journeys where id = ${journeyId}`
    expect(row).toMatchObject({ status: 'postpartum', baby_count: 2, local: `${yesterday}T23:30` })
    expect((await getClientOrThrow(a.doulaDb, a.id, clientId)).current?.birth_place).toBe('home')
  })

  it('refuses a birth in the future or with missing details, and another practice gets not_found', async () => {
    const { journeyId } = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Later', dueDate: '' }))
    const birth = { journeyId, bornAt: `${dayFromToday(2)}T10:00`, birthPlace: 'hospital', deliveryMode: 'cesarean', babyCount: 1 }
    expect(await fieldErrorsOf(() => recordBirth(a.doulaDb, a.settings, birth))).toEqual({ bornAt: expect.stringContaining('in the future') })
    expect(await fieldErrorsOf(() => recordBirth(a.doulaDb, a.settings, { ...birth, bornAt: '', birthPlace: 'car' }))).toMatchObject({
      bornAt: 'Enter the date and time of the birth.',
      birthPlace: 'Choose where the birth happened.',
    })
    const past = { ...birth, bornAt: `${dayFromToday(-1)}T10:00` }
    await expect(recordBirth(b.doulaDb, b.settings, past)).rejects.toMatchObject({ code: 'not_found' })
    const [row] = await sql<{ status: string; born_at: Date | null }[]>`select status, born_at from public.journeys where id = ${journeyId}`
    expect(row).toEqual({ status: 'booked', born_at: null })
  })

  it('starts a new journey for a returning client only once the last one has ended', async () => {
    const { clientId, journeyId } = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Again', dueDate: '' }))
    await expect(startJourney(a.doulaDb, a.settings, { clientId, dueDate: '' })).rejects.toMatchObject({ code: 'conflict' })
    await recordBirth(a.doulaDb, a.settings, { journeyId, bornAt: `${dayFromToday(-2)}T08:15`, birthPlace: 'hospital', deliveryMode: 'vbac', babyCount: 1 })
    expect(await fieldErrorsOf(() => startJourney(a.doulaDb, a.settings, { clientId, dueDate: dayFromToday(400) }))).toEqual({
      dueDate: expect.stringContaining('44 weeks'),
    })
    await expect(startJourney(b.doulaDb, b.settings, { clientId, dueDate: dayFromToday(200) })).rejects.toMatchObject({ code: 'not_found' })
    const { journeyId: next } = await startJourney(a.doulaDb, a.settings, { clientId, dueDate: dayFromToday(200) })
    const detail = await getClientOrThrow(a.doulaDb, a.id, clientId)
    expect(detail.journeys).toHaveLength(2)
    expect(detail.current).toMatchObject({ id: next, status: 'lead', due_date: dayFromToday(200) })
  })
})

describe('the pipeline board', () => {
  const stage = async (practice: PracticeFixture, clientId: string) => (await getClientOrThrow(practice.doulaDb, practice.id, clientId)).current?.status

  it('moves a journey to another stage, and the board column for that stage lists her', async () => {
    const her = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Mover', dueDate: dayFromToday(160), status: 'lead' }))
    await moveJourney(a.doulaDb, a.id, { journeyId: her.journeyId, status: 'consult' })
    expect(await stage(a, her.clientId)).toBe('consult')
    const column = await listClients(a.doulaDb, a.id, { q: '', status: 'consult', sort: 'due_date', archived: false })
    expect(column.rows.map((r) => r.id)).toContain(her.clientId)
    await moveJourney(a.doulaDb, a.id, { journeyId: her.journeyId, status: 'complete' })
    expect(await stage(a, her.clientId)).toBe('complete')
  })

  it('refuses an unknown stage on the field, and another practice gets not_found; nothing changes', async () => {
    const her = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Stays', dueDate: dayFromToday(170), status: 'lead' }))
    expect(await fieldErrorsOf(() => moveJourney(a.doulaDb, a.id, { journeyId: her.journeyId, status: 'archived' }))).toEqual({
      status: 'Choose a stage.',
    })
    await expect(moveJourney(b.doulaDb, b.id, { journeyId: her.journeyId, status: 'booked' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(moveJourney(b.doulaDb, a.id, { journeyId: her.journeyId, status: 'booked' })).rejects.toMatchObject({ code: 'not_found' })
    expect(await stage(a, her.clientId)).toBe('lead')
  })
})
