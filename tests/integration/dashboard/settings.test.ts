import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getPracticeSettings, updatePracticeSettings } from '../../../lib/practice/settings.ts'
import type { PracticeSettingsInput } from '../../../lib/practice/settings.schema.ts'
import type { Db } from '../../../lib/server/db.ts'
import { createUser } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { addMember } from '../../helpers/world.ts'
import { dbAs, fieldErrorsOf, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture
let adminDb: Db

beforeAll(async () => {
  a = await newPractice(sql, 'Settings A')
  b = await newPractice(sql, 'Settings B')
  const admin = await createUser(sql, { fullName: 'Settings A Admin' })
  await addMember(sql, a.id, admin, 'admin')
  adminDb = await dbAs(admin)
})
afterAll(() => sql.end())

const slugOf = (label: string) => `${label}-${a.id.slice(0, 8)}`

function settings(overrides: Partial<PracticeSettingsInput> = {}): PracticeSettingsInput {
  return {
    name: 'Harbor Birth Collective',
    slug: slugOf('harbor-birth'),
    timeZone: 'America/Chicago',
    onCallStartWeek: '37',
    onCallEndWeek: '42',
    capacityMaxDueDates: '3',
    capacityWindowDays: '14',
    ...overrides,
  }
}

const stored = async (practiceId: string) =>
  (await sql`select name, slug, time_zone, on_call_start_week, on_call_end_week, capacity_max_due_dates, capacity_window_days
             from public.practices where id = ${practiceId}`)[0]

describe('practice settings', () => {
  it('lets the owner change every setting, and records who did it in the audit log', async () => {
    const saved = await updatePracticeSettings(a.ownerDb, a.id, settings({ name: '  Harbor Birth Collective ', slug: ` ${slugOf('Harbor-Birth')} ` }))
    expect(saved).toEqual({
      id: a.id,
      name: 'Harbor Birth Collective',
      slug: slugOf('harbor-birth'),
      timeZone: 'America/Chicago',
      onCall: { startWeek: 37, endWeek: 42 },
      capacity: { maxDueDates: 3, windowDays: 14 },
    })
    expect(await getPracticeSettings(a.doulaDb, a.id)).toEqual(saved)
    const audit = await sql`select actor_id, actor_role, action, entity_id from public.audit_log
                            where practice_id = ${a.id} and entity = 'practices' order by id desc limit 1`
    expect(audit).toEqual([{ actor_id: a.owner.id, actor_role: 'owner', action: 'update', entity_id: a.id }])
  })

  it('lets an admin change them too', async () => {
    await updatePracticeSettings(adminDb, a.id, settings({ timeZone: 'Europe/Berlin', capacityWindowDays: '21' }))
    expect(await stored(a.id)).toMatchObject({ time_zone: 'Europe/Berlin', capacity_window_days: 21 })
    const [audit] = await sql`select actor_role from public.audit_log where practice_id = ${a.id} and entity = 'practices' order by id desc limit 1`
    expect(audit).toEqual({ actor_role: 'admin' })
  })

  it('refuses a doula with `forbidden`, changing nothing', async () => {
    const before = await stored(a.id)
    await expect(updatePracticeSettings(a.doulaDb, a.id, settings({ name: 'Doula Takeover' }))).rejects.toMatchObject({ code: 'forbidden' })
    expect(await stored(a.id)).toEqual(before)
  })

  it('gives another practice `not_found`, changing nothing', async () => {
    const before = await stored(a.id)
    await expect(updatePracticeSettings(b.ownerDb, a.id, settings({ name: 'Hostile Takeover' }))).rejects.toMatchObject({ code: 'not_found' })
    expect(await stored(a.id)).toEqual(before)
  })

  it('says "That address is taken" when another practice has the slug', async () => {
    const taken = (await stored(b.id))!.slug as string
    expect(await fieldErrorsOf(() => updatePracticeSettings(a.ownerDb, a.id, settings({ slug: taken })))).toEqual({ slug: 'That address is taken.' })
    expect((await stored(a.id))!.slug).not.toBe(taken)
  })

  it('refuses bad input on its fields in plain words, saving nothing', async () => {
    const before = await stored(a.id)
    expect(
      await fieldErrorsOf(() =>
        updatePracticeSettings(a.ownerDb, a.id, settings({ name: ' ', slug: 'Harbor Doulas!', timeZone: 'Mars/Olympus_Mons', capacityMaxDueDates: '0', capacityWindowDays: '400' })),
      ),
    ).toEqual({
      name: 'Enter the name of your practice.',
      slug: 'Use lowercase letters, numbers and single hyphens, like harbor-doulas.',
      timeZone: 'Choose a time zone from the list.',
      capacityMaxDueDates: 'Enter a number from 1 to 100.',
      capacityWindowDays: 'Enter a number of days from 1 to 366.',
    })
    expect(await fieldErrorsOf(() => updatePracticeSettings(a.ownerDb, a.id, settings({ onCallStartWeek: '19', onCallEndWeek: '45' })))).toEqual({
      onCallStartWeek: 'Enter a week from 20 to 44.',
      onCallEndWeek: 'Enter a week from 20 to 44.',
    })
    expect(await fieldErrorsOf(() => updatePracticeSettings(a.ownerDb, a.id, settings({ onCallStartWeek: '41', onCallEndWeek: '38' })))).toEqual({
      onCallEndWeek: 'The on-call window must end in the week it starts or later.',
    })
    expect(await fieldErrorsOf(() => updatePracticeSettings(a.ownerDb, a.id, settings({ onCallStartWeek: '38.5', slug: 'a--b' })))).toEqual({
      onCallStartWeek: 'Enter a whole number.',
      slug: 'Use lowercase letters, numbers and single hyphens, like harbor-doulas.',
    })
    expect(await stored(a.id)).toEqual(before)
  })

  it('keeps unknown time zones out of the database for every writer', async () => {
    const { error } = await a.ownerDb.from('practices').update({ time_zone: 'Mars/Olympus_Mons' }).eq('id', a.id)
    expect(error?.code).toBe('22023')
    expect((await stored(a.id))!.time_zone).toBe('Europe/Berlin')
  })
})
