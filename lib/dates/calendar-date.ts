/**
 * Calendar dates ("2026-11-24") without a time of day. Pregnancy arithmetic counts whole days, so it
 * runs on day numbers since the epoch (UTC), where no daylight-saving shift can add or lose a day.
 */
import { formatIn, type DateFormat } from './zoned-format'

export type CalendarDate = string

const MS_PER_DAY = 86_400_000
const DASH = 45
const ZERO = 48

/** The number written by value[from..to) in ASCII digits, or -1 if any character is not a digit. */
function digits(value: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const d = value.charCodeAt(i) - ZERO
    if (d < 0 || d > 9) return -1
    n = n * 10 + d
  }
  return n
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * Days since 1970-01-01 for a real "YYYY-MM-DD" (no February 30th), or null. Parsed by hand: pages
 * convert thousands of dates per render, and a regex plus a Date object for each showed in profiles.
 * Years before 100 are refused, since Date.UTC would read them as 1900–1999.
 */
function dayNumberOf(value: string): number | null {
  if (value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return null
  const year = digits(value, 0, 4)
  const month = digits(value, 5, 7)
  const day = digits(value, 8, 10)
  if (year < 100 || month < 1 || month > 12 || day < 1) return null
  if (day > (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!)) return null
  return Date.UTC(year, month - 1, day) / MS_PER_DAY
}

export function isCalendarDate(value: string): value is CalendarDate {
  return dayNumberOf(value) !== null
}

export function toDayNumber(date: CalendarDate): number {
  const day = dayNumberOf(date)
  if (day === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`)
  return day
}

export function fromDayNumber(day: number): CalendarDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function diffDays(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from)
}

const DATE_PARTS: DateFormat = { locale: 'en-CA', options: { year: 'numeric', month: '2-digit', day: '2-digit' } }

/** The calendar date it is at `now` in `timeZone` (an IANA name such as "America/Chicago"). */
export function todayIn(timeZone: string, now: Date): CalendarDate {
  const parts = formatIn(DATE_PARTS, timeZone).formatToParts(now)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return true
  } catch {
    return false
  }
}
