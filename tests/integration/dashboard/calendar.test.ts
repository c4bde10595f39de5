import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { saveAppointment } from '../../../lib/appointments/appointment.service.ts'
import { listAppointmentsInRange, listBookableClients, listOnCallLane } from '../../../lib/appointments/queries.ts'
import { instantRange, visibleDays } from '../../../lib/calendar/grid.ts'
import { createClient } from '../../../lib/clients/save-client.service.ts'
import { addDays } from '../../../lib/dates/calendar-date.ts'
import { getPracticeSettings } from '../../../lib/practice/settings.ts'
import { superuser } from '../../helpers/stack.ts'
import { clientForm, dayFromToday, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture
let cancelledId: string
let ivyId: string

const slot = (clientId: string, doulaId: string, days: number, startTime: string) => ({
  clientId, kind: 'consult', date: dayFromToday(days), startTime, endDate: dayFromToday(days), endTime: `${String(Number(startTime.slice(0, 2)) + 1).padStart(2, '0')}:00`,
  doulaId, location: '', videoUrl: '', sharedWithClient: false, bookAnyway: true,
})

beforeAll(async () => {
  a = await newPractice(sql, 'Calendar A')
  b = await newPractice(sql, 'Calendar B')
  const ivy = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Ivy', lastName: 'Stone', dueDate: dayFromToday(10), primaryDoulaId: a.doula.id }))
  await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Owl', lastName: 'Owner', dueDate: dayFromToday(12), primaryDoulaId: a.owner.id, acceptCapacityWarning: true }))
  await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Lea', lastName: 'Lead', dueDate: dayFromToday(11), status: 'lead' }))
  ivyId = ivy.clientId
  await saveAppointment(a.doulaDb, a.settings, slot(ivy.clientId, a.doula.id, 1, '09:00'))
  await saveAppointment(a.doulaDb, a.settings, slot(ivy.clientId, a.owner.id, 2, '09:00'))
  cancelledId = (await saveAppointment(a.doulaDb, a.settings, slot(ivy.clientId, a.doula.id, 3, '09:00'))).appointmentId
  await sql`update public.appointments set status = 'cancelled' where id = ${cancelledId}`
})
afterAll(() => sql.end())

describe('the calendar range', () => {
  it('filters by doula and hides cancelled appointments unless asked', async () => {
    const practice = await getPracticeSettings(a.doulaDb, a.id)
    const { from, to } = instantRange({ start: dayFromToday(0), end: dayFromToday(7) }, practice.timeZone)
    const all = await listAppointmentsInRange(a.doulaDb, a.id, { from, to, doulaId: null, showCancelled: false })
    expect(all).toHaveLength(2)
    expect(all.every((x) => x.status !== 'cancelled' && x.clientName === 'Ivy Stone')).toBe(true)
    const hers = await listAppointmentsInRange(a.doulaDb, a.id, { from, to, doulaId: a.doula.id, showCancelled: true })
    expect(hers.map((x) => x.status)).toEqual(['scheduled', 'cancelled'])
    expect(await listAppointmentsInRange(b.doulaDb, a.id, { from, to, doulaId: null, showCancelled: true })).toEqual([])
  })

  it('includes a birth begun the night before the range, but not a visit that ended at its first midnight', async () => {
    const [night, morning] = [dayFromToday(20), dayFromToday(21)]
    const overnight = { ...slot(ivyId, a.doula.id, 20, '22:00'), kind: 'birth', endDate: morning, endTime: '04:00' }
    const { appointmentId } = await saveAppointment(a.doulaDb, a.settings, overnight)
    await saveAppointment(a.doulaDb, a.settings, { ...slot(ivyId, a.doula.id, 20, '23:00'), endDate: morning, endTime: '00:00' })
    const range = (start: string) => listAppointmentsInRange(a.doulaDb, a.id, { ...instantRange({ start, end: addDays(start, 7) }, a.settings.timeZone), doulaId: null, showCancelled: false })
    expect((await range(morning)).map((x) => x.id)).toEqual([appointmentId])
    expect(await range(addDays(morning, 1))).toEqual([])
    expect((await range(night)).map((x) => x.kind)).toEqual(['birth', 'consult'])
  })

  it('puts booked journeys whose on-call windows cover the days in the lane, with the primary doula', async () => {
    const practice = await getPracticeSettings(a.doulaDb, a.id)
    const week = visibleDays('week', dayFromToday(0))
    const lane = await listOnCallLane(a.doulaDb, practice, week, null)
    expect(lane.map((e) => [e.clientName, e.primaryDoulaId]).sort()).toEqual([
      ['Ivy Stone', a.doula.id],
      ['Owl Owner', a.owner.id],
    ])
    expect(lane.find((e) => e.clientName === 'Ivy Stone')?.window).toEqual({ start: dayFromToday(-4), end: dayFromToday(24) })
    expect((await listOnCallLane(a.doulaDb, practice, week, a.doula.id)).map((e) => e.clientName)).toEqual(['Ivy Stone'])
    // Far from any window, the lane is empty; another practice sees nothing of A's.
    expect(await listOnCallLane(a.doulaDb, practice, { start: addDays(week.start, 120), end: addDays(week.end, 120) }, null)).toEqual([])
    const practiceB = await getPracticeSettings(b.doulaDb, b.id)
    expect(await listOnCallLane(b.doulaDb, { ...practiceB, id: a.id }, week, null)).toEqual([])
  })

  it('offers bookable clients by name, none from another practice', async () => {
    expect((await listBookableClients(a.doulaDb, a.id)).map((c) => c.name)).toEqual(['Ivy Stone', 'Lea Lead', 'Owl Owner'])
    expect(await listBookableClients(b.doulaDb, a.id)).toEqual([])
  })
})
