import { describe, expect, it } from 'vitest'
import { addDays, diffDays, fromDayNumber, isCalendarDate, toDayNumber, todayIn } from '@/lib/dates/calendar-date'
import {
  checkDueDate,
  dateAtGestationalAge,
  daysUntilDue,
  formatGestationalAge,
  gestationalAge,
  trimester,
} from '@/lib/pregnancy/gestation'

describe('calendar dates', () => {
  it.each([
    ['2026-11-24', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['24/11/2026', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-04-30', true],
    ['2026-04-31', false],
    ['2026-00-10', false],
    ['2026-11-00', false],
    ['2026-11-2a', false],
    ['2026-11-24 ', false],
    ['2026/11/24', false],
    ['0050-01-01', false],
    ['', false],
  ])('%s is a calendar date: %s', (value, ok) => {
    expect(isCalendarDate(value)).toBe(ok)
  })

  it('reads back every day from 1900 to 2100 as the day it wrote', () => {
    const first = toDayNumber('1900-01-01')
    const last = toDayNumber('2100-12-31')
    expect(last - first + 1).toBe(201 * 365 + 49)
    for (let day = first; day <= last; day++) {
      const date = fromDayNumber(day)
      expect(date).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10))
      expect(toDayNumber(date)).toBe(day)
    }
  })

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(diffDays('2026-01-01', '2027-01-01')).toBe(365)
  })

  it('counts whole days across daylight-saving changes', () => {
    expect(diffDays('2026-03-07', '2026-03-09')).toBe(2)
    expect(diffDays('2026-10-31', '2026-11-02')).toBe(2)
  })

  it('takes "today" in the practice time zone, not the server one', () => {
    const now = new Date('2026-03-08T04:30:00Z')
    expect(todayIn('America/New_York', now)).toBe('2026-03-07')
    expect(todayIn('Europe/London', now)).toBe('2026-03-08')
    expect(todayIn('Pacific/Kiritimati', new Date('2026-11-24T10:30:00Z'))).toBe('2026-11-25')
    expect(todayIn('Pacific/Pago_Pago', new Date('2026-11-24T10:30:00Z'))).toBe('2026-11-23')
  })

  it('keeps the date right in the hour that daylight saving skips or repeats', () => {
    expect(todayIn('America/Chicago', new Date('2026-03-08T08:30:00Z'))).toBe('2026-03-08')
    expect(todayIn('America/Chicago', new Date('2026-11-01T06:30:00Z'))).toBe('2026-11-01')
    expect(todayIn('America/Chicago', new Date('2026-11-01T05:59:00Z'))).toBe('2026-11-01')
  })

  it('rejects malformed input loudly', () => {
    expect(() => diffDays('2026-02-30', '2026-03-01')).toThrow(RangeError)
  })
})

describe('gestational age', () => {
  it('is 40w 0d on the due date', () => {
    expect(gestationalAge('2027-01-10', '2027-01-10')).toEqual({ weeks: 40, days: 0, totalDays: 280 })
  })

  it('reads as weeks and days before the due date', () => {
    const age = gestationalAge('2027-01-10', '2026-11-24')
    expect(age.totalDays).toBe(280 - 47)
    expect(formatGestationalAge(age)).toBe('33w 2d')
  })

  it('keeps counting after the due date', () => {
    expect(formatGestationalAge(gestationalAge('2026-11-20', '2026-11-24'))).toBe('40w 4d')
  })

  it('is unaffected by a daylight-saving change between today and the due date', () => {
    expect(formatGestationalAge(gestationalAge('2026-03-20', '2026-03-08'))).toBe('38w 2d')
  })

  it.each([
    [13, 6, 1],
    [14, 0, 2],
    [27, 6, 2],
    [28, 0, 3],
    [41, 2, 3],
  ])('%iw %id is trimester %i', (weeks, days, expected) => {
    const due = '2027-05-01'
    const today = dateAtGestationalAge(due, weeks, days)
    expect(gestationalAge(due, today)).toMatchObject({ weeks, days })
    expect(trimester(gestationalAge(due, today))).toBe(expected)
  })

  it('counts days to the due date', () => {
    expect(daysUntilDue('2026-12-01', '2026-11-24')).toBe(7)
    expect(daysUntilDue('2026-11-20', '2026-11-24')).toBe(-4)
  })
})

describe('due date sanity', () => {
  const today = '2026-11-24'
  it('accepts dates from 6 weeks past to 44 weeks ahead', () => {
    expect(checkDueDate(addDays(today, 44 * 7), today)).toBeNull()
    expect(checkDueDate(addDays(today, -6 * 7), today)).toBeNull()
  })
  it('refuses impossible dates', () => {
    expect(checkDueDate(addDays(today, 44 * 7 + 1), today)).toBe('too_far_ahead')
    expect(checkDueDate(addDays(today, -6 * 7 - 1), today)).toBe('too_far_past')
  })
})
