import { describe, expect, it } from 'vitest'
import {
  calendarHref,
  instantRange,
  monthGrid,
  parseCalendarParams,
  startOfWeek,
  stepDate,
  visibleDays,
  weekDays,
  weekdayIndex,
} from '@/lib/calendar/grid'
import { todayIn } from '@/lib/dates/calendar-date'

describe('weeks start on Monday', () => {
  it('finds the Monday of any day, across month and year ends', () => {
    expect(weekdayIndex('2026-11-23')).toBe(0)
    expect(weekdayIndex('2026-11-29')).toBe(6)
    expect(startOfWeek('2026-11-29')).toBe('2026-11-23')
    expect(startOfWeek('2027-01-01')).toBe('2026-12-28')
    expect(weekDays('2026-12-31')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'])
    expect(startOfWeek('1969-12-31')).toBe('1969-12-29')
  })
})

describe('month grid', () => {
  it('covers the month in whole weeks with the spill-over days', () => {
    const november = monthGrid('2026-11-17')
    expect(november).toHaveLength(6)
    expect(november[0]![0]).toBe('2026-10-26')
    expect(november.at(-1)![6]).toBe('2026-12-06')
    // February 2027 starts on a Monday and ends on a Sunday: exactly four rows.
    expect(monthGrid('2027-02-10').map((w) => w[0])).toEqual(['2027-02-01', '2027-02-08', '2027-02-15', '2027-02-22'])
    expect(visibleDays('month', '2027-02-10')).toEqual({ start: '2027-02-01', end: '2027-03-01' })
  })

  it('steps by month to the 1st, so the 31st never skips a short month', () => {
    expect(stepDate('month', '2027-01-31', 1)).toBe('2027-02-01')
    expect(stepDate('month', '2027-01-15', -1)).toBe('2026-12-01')
    expect(stepDate('week', '2026-11-26', 1)).toBe('2026-11-30')
    expect(stepDate('agenda', '2026-11-26', -1)).toBe('2026-10-29')
  })
})

describe('day boundaries in the practice time zone', () => {
  it('gives a DST week its real length: 7 days minus one hour in spring', () => {
    const week = visibleDays('week', '2027-03-14')
    expect(week).toEqual({ start: '2027-03-08', end: '2027-03-15' })
    const { from, to } = instantRange(week, 'America/New_York')
    expect(from.toISOString()).toBe('2027-03-08T05:00:00.000Z')
    expect(to.toISOString()).toBe('2027-03-15T04:00:00.000Z')
    expect(to.getTime() - from.getTime()).toBe((7 * 24 - 1) * 3_600_000)
  })

  it('gives the autumn week an extra hour', () => {
    const { from, to } = instantRange(visibleDays('week', '2026-10-25'), 'Europe/Berlin')
    expect(to.getTime() - from.getTime()).toBe((7 * 24 + 1) * 3_600_000)
  })

  it('anchors "today" on the practice date, not the server date', () => {
    const now = new Date('2026-11-30T03:00:00Z')
    expect(parseCalendarParams({}, todayIn('America/Los_Angeles', now)).date).toBe('2026-11-29')
    expect(parseCalendarParams({}, todayIn('Europe/Berlin', now)).date).toBe('2026-11-30')
  })
})

describe('URL state', () => {
  it('reads and writes view, date, doula and cancelled, ignoring junk', () => {
    const doula = '5b0e6a52-4c1f-4c3e-9d55-1c2b3a4d5e6f'
    const params = parseCalendarParams({ view: 'month', date: '2026-12-05', doula, cancelled: 'show' }, '2026-11-24')
    expect(params).toEqual({ view: 'month', date: '2026-12-05', doulaId: doula, showCancelled: true })
    expect(calendarHref(params, { date: '2027-01-01' })).toBe(`/dashboard/calendar?view=month&date=2027-01-01&doula=${doula}&cancelled=show`)
    expect(parseCalendarParams({ view: 'year', date: '2026-02-30', doula: 'x', cancelled: ['show'] }, '2026-11-24')).toEqual({
      view: 'week',
      date: '2026-11-24',
      doulaId: null,
      showCancelled: false,
    })
  })
})
