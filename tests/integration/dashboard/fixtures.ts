import type { Sql } from 'postgres'
import { addDays, todayIn, type CalendarDate } from '../../../lib/dates/calendar-date.ts'
import type { Db } from '../../../lib/server/db.ts'
import { getPracticeSettings, type PracticeSettings } from '../../../lib/practice/settings.ts'
import type { ClientFormInput } from '../../../lib/clients/client.schema.ts'
import { clientAs, createUser, uniqueEmail, type TestUser } from '../../helpers/personas.ts'
import { addMember, createPractice } from '../../helpers/world.ts'

export interface PracticeFixture {
  id: string
  owner: TestUser
  doula: TestUser
  ownerDb: Db
  doulaDb: Db
  /** Read once at creation, as an action gets them with the membership; a suite that changes them in SQL reads them again. */
  settings: PracticeSettings
}

/** supabase-js as `user`, typed like the app's server client. */
export async function dbAs(user: TestUser): Promise<Db> {
  return (await clientAs(user)) as unknown as Db
}

/** A fresh practice (owner + one doula) so each suite's list and capacity counts are its own. */
export async function newPractice(sql: Sql, name: string): Promise<PracticeFixture> {
  const owner = await createUser(sql, { fullName: `${name} Owner` })
  const doula = await createUser(sql, { fullName: `${name} Doula` })
  const practice = await createPractice(sql, owner, name)
  await addMember(sql, practice.id, doula, 'doula')
  const ownerDb = await dbAs(owner)
  const doulaDb = await dbAs(doula)
  return { id: practice.id, owner, doula, ownerDb, doulaDb, settings: await getPracticeSettings(doulaDb, practice.id) }
}

/** Today in the fixtures' practice time zone (the column default), shifted by `days`. */
export const dayFromToday = (days: number): CalendarDate => addDays(todayIn('America/New_York', new Date()), days)

export function clientForm(overrides: Partial<ClientFormInput> = {}): ClientFormInput {
  return {
    firstName: 'Maya',
    lastName: 'Lopez',
    preferredName: '',
    pronouns: '',
    email: uniqueEmail('maya'),
    phone: '',
    dueDate: dayFromToday(60),
    status: 'booked',
    primaryDoulaId: '',
    backupDoulaId: '',
    acceptCapacityWarning: false,
    ...overrides,
  }
}

/** Runs `fn` and returns the field errors it throws; fails the test when it throws anything else. */
export async function fieldErrorsOf(fn: () => Promise<unknown>): Promise<Record<string, string>> {
  try {
    await fn()
  } catch (error) {
    if (error instanceof Error && error.name === 'FieldErrors' && 'fields' in error) return { ...(error.fields as Record<string, string>) }
    throw error
  }
  throw new Error('expected field errors, but the call succeeded')
}
