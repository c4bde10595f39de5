import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../../../lib/clients/save-client.service.ts'
import { fromWallClock } from '../../../lib/dates/zoned-time.ts'
import { addDays, todayIn } from '../../../lib/dates/calendar-date.ts'
import { getTodaySummary } from '../../../lib/journeys/today.ts'
import { getPracticeSettings } from '../../../lib/practice/settings.ts'
import { superuser } from '../../helpers/stack.ts'
import { clientForm, dayFromToday, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture
const now = new Date()
let soonIsToday: boolean
/** Midnight starting the day `days` from today, on the practice's wall clock. */
const midnight = (days: number) => fromWallClock({ date: addDays(todayIn(a.settings.timeZone, now), days), time: '00:00' }, a.settings.timeZone)!

beforeAll(async () => {
  a = await newPractice(sql, 'Today A')
  b = await newPractice(sql, 'Today B')
  // On call from 38w to 42w: due in 7 days → on call now; due in 20 days → on call in 6 days;
  // due in 40 days → not within the next 14 days. A lead never counts.
  for (const [firstName, days, status] of [['Now', 7, 'booked'], ['Soon', 20, 'active'], ['Later', 40, 'booked'], ['Lead', 8, 'lead']] as const) {
    await createClient(a.doulaDb, a.settings, clientForm({ firstName, dueDate: dayFromToday(days), status, acceptCapacityWarning: true }))
  }
  const { clientId, journeyId } = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Visit', dueDate: '', status: 'active' }))
  const soon = new Date(now.getTime() + 2 * 3600_000)
  const book = (client: { clientId: string; journeyId: string }, startsAt: Date, endsAt: Date) =>
    sql`insert into public.appointments (practice_id, client_id, journey_id, starts_at, ends_at)
        values (${a.id}, ${client.clientId}, ${client.journeyId}, ${startsAt}, ${endsAt})`
  await book({ clientId, journeyId }, soon, new Date(soon.getTime() + 3600_000))
  soonIsToday = soon < midnight(1)
  // A birth that began last night and is still going counts today; a visit that ended at midnight does not.
  const hours = (n: number) => new Date(midnight(0).getTime() + n * 3600_000)
  await book(await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Night', dueDate: '', status: 'active' })), hours(-3), hours(1))
  await book(await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Evening', dueDate: '', status: 'active' })), hours(-2), midnight(0))
  // One that starts on the stroke of tomorrow's midnight is not today's.
  await book(await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Dawn', dueDate: '', status: 'active' })), midnight(1), new Date(midnight(1).getTime() + 3600_000))
  await sql`insert into public.messages (practice_id, client_id, sender_side, body) values (${a.id}, ${clientId}, 'client', 'Hello?')`
})
afterAll(() => sql.end())

describe('the Today summary', () => {
  it("shows today's appointments (a birth still going from last night too), who is on call, due dates, the pipeline and unread messages", async () => {
    const practice = await getPracticeSettings(a.doulaDb, a.id)
    const summary = await getTodaySummary(a.doulaDb, practice, now)
    expect(summary.onCall.map((e) => [e.clientName, e.onCallNow])).toEqual([
      ['Now Lopez', true],
      ['Soon Lopez', false],
    ])
    expect(summary.pipeline).toEqual({ lead: 1, consult: 0, booked: 2, active: 5, postpartum: 0, complete: 0, archived: 0 })
    expect(summary.dueByMonth).toHaveLength(12)
    expect(summary.dueByMonth.reduce((n, m) => n + m.count, 0)).toBe(3)
    const visit = ['Visit Lopez', soonIsToday]
    const dawn = ['Dawn Lopez', false]
    expect(summary.appointments.map((x) => [x.clientName, x.isToday])).toEqual([['Night Lopez', true], ...(soonIsToday ? [visit, dawn] : [dawn, visit])])
    expect(summary.unreadMessages).toBe(1)
    const thisMonth = summary.today.slice(0, 7)
    expect(summary.dueThisMonth.every((d) => d.dueDate.startsWith(thisMonth))).toBe(true)
  })

  it('shows another practice nothing of it', async () => {
    const practiceB = await getPracticeSettings(b.doulaDb, b.id)
    const summary = await getTodaySummary(b.doulaDb, { ...practiceB, id: a.id }, now)
    expect(summary).toMatchObject({ onCall: [], appointments: [], unreadMessages: 0, dueThisMonth: [] })
    expect(Object.values(summary.pipeline).every((n) => n === 0)).toBe(true)
  })
})
