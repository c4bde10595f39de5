/**
 * Calendar dates ("2026-11-24") without a time of day. Pregnancy arithmetic counts whole days, so it
 * runs on day numbers since the epoch (UTC), where no daylight-saving shift can add or lose a day.
 */
import { formatIn, type DateFormat } from './zoned-format'

export type CalendarDate = string

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const MS_PER_DAY = 86_400_000

/** Days since 1970-01-01 for a valid "YYYY-MM-DD", or null (a real day: no February 30th). */
function dayNumberOf(value: string): number | null {
  const m = ISO_DATE.exec(value)
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])]
  const d = new Date(Date.UTC(year, month, day))
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month || d.getUTCDate() !== day) return null
  return d.getTime() / MS_PER_DAY
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
