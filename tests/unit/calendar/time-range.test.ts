import { describe, expect, it } from 'vitest'
import { daysCovered, endsOnAnotherDay, formatEnd, formatEndFrom, formatTimeRange } from '@/lib/appointments/time-range'
import { buildCalendar } from '@/lib/calendar/ics'
import type { DateFormat } from '@/lib/dates/zoned-format'
import { formatAppointmentTime } from '@/app/portal/_components/format'

const zone = 'America/Chicago'
// Tue Dec 1 2026, 10:00 PM to Wed Dec 2, 4:00 AM in Chicago (UTC-6).
const birth = { startsAt: '2026-12-02T04:00:00.000Z', endsAt: '2026-12-02T10:00:00.000Z' }
// Tue Dec 1 2026, 10:00 to 11:00 AM in Chicago.
const visit = { startsAt: '2026-12-01T16:00:00.000Z', endsAt: '2026-12-01T17:00:00.000Z' }
const DAY_AND_TIME: DateFormat = { locale: 'en-US', options: { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' } }

describe('appointment time ranges', () => {
  it('names the end day only when the end falls on another day in the practice zone', () => {
    expect(endsOnAnotherDay(birth.startsAt, birth.endsAt, zone)).toBe(true)
    expect(endsOnAnotherDay(visit.startsAt, visit.endsAt, zone)).toBe(false)
    // The same instants are one day in UTC: the practice zone decides.
    expect(endsOnAnotherDay(birth.startsAt, birth.endsAt, 'UTC')).toBe(false)
    expect(formatEnd(birth.startsAt, birth.endsAt, zone)).toBe('Wed 4:00 AM')
    expect(formatEnd(birth.startsAt, birth.endsAt, zone, 'long')).toBe('Wednesday 4:00 AM')
    expect(formatEnd(visit.startsAt, visit.endsAt, zone)).toBe('11:00 AM')
  })

  it('covers each wall-clock day it touches, but not the day it ends at midnight', () => {
    expect(daysCovered(birth.startsAt, birth.endsAt, zone)).toEqual({ first: '2026-12-01', last: '2026-12-02' })
    expect(daysCovered(visit.startsAt, visit.endsAt, zone)).toEqual({ first: '2026-12-01', last: '2026-12-01' })
    // 10:00 PM to midnight in Chicago.
    expect(daysCovered('2026-12-02T04:00:00.000Z', '2026-12-02T06:00:00.000Z', zone)).toEqual({ first: '2026-12-01', last: '2026-12-01' })
  })

  it('gives the end as read from a day: a time on its own day, with the weekday before it', () => {
    expect(formatEndFrom('2026-12-02', birth.endsAt, zone)).toBe('4:00 AM')
    expect(formatEndFrom('2026-12-01', birth.endsAt, zone)).toBe('Wed 4:00 AM')
    expect(formatEndFrom('2026-12-01', birth.endsAt, zone, 'long')).toBe('Wednesday 4:00 AM')
  })

  it('formats the start as asked and the end after it', () => {
    expect(formatTimeRange(birth.startsAt, birth.endsAt, zone)).toBe('10:00 PM – Wed 4:00 AM')
    expect(formatTimeRange(birth.startsAt, birth.endsAt, zone, DAY_AND_TIME)).toBe('Tue, Dec 1, 10:00 PM – Wed 4:00 AM')
    expect(formatTimeRange(visit.startsAt, visit.endsAt, zone, DAY_AND_TIME)).toBe('Tue, Dec 1, 10:00 AM – 11:00 AM')
  })

  it('spells out the portal range, naming the next day in full', () => {
    expect(formatAppointmentTime(birth.startsAt, birth.endsAt, zone)).toBe('Tuesday, December 1, 10:00 PM – Wednesday 4:00 AM')
    expect(formatAppointmentTime(visit.startsAt, visit.endsAt, zone)).toBe('Tuesday, December 1, 10:00 AM – 11:00 AM')
  })

  it('ends an overnight event in the feed at its real end instant', () => {
    const ics = buildCalendar(
      [{ id: '5b0e6a52-4c1f-4c3e-9d55-1c2b3a4d5e6f', kind: 'birth', status: 'scheduled', ...birth, counterpart: 'Maya Lopez', location: null, videoUrl: null, updatedAt: '2026-11-24T09:00:00.000Z' }],
      { name: 'DoulaOS', hideClientDetails: false },
    )
    expect(ics).toContain('DTSTART:20261202T040000Z')
    expect(ics).toContain('DTEND:20261202T100000Z')
  })
})
