import { TZDate } from '@date-fns/tz'
import { isCalendarDate, type CalendarDate } from '@/lib/dates/calendar-date'
import { formatIn, type DateFormat } from '@/lib/dates/zoned-format'

/** "HH:mm" on a 24-hour clock, as a time input sends it. */
export const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/

export interface WallClock {
  date: CalendarDate
  /** "HH:mm" */
  time: string
}

const WALL_PARTS: DateFormat = {
  locale: 'en-CA',
  options: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
}

/** The date and time on a wall clock in `timeZone` at `instant`. */
export function toWallClock(instant: Date, timeZone: string): WallClock {
  const parts = formatIn(WALL_PARTS, timeZone).formatToParts(instant)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` }
}

/**
 * The instant a wall-clock date and time name in `timeZone`, or null when that time does not exist
 * there (the hour skipped when clocks spring forward). In the repeated hour when clocks fall back, the
 * earlier of the two instants is chosen, as calendar apps do.
 */
export function fromWallClock({ date, time }: WallClock, timeZone: string): Date | null {
  if (!isCalendarDate(date) || !WALL_TIME.test(time)) return null
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [hh, mm] = time.split(':').map(Number) as [number, number]
  const instant = new Date(new TZDate(y, m - 1, d, hh, mm, timeZone).getTime())
  const back = toWallClock(instant, timeZone)
  if (back.date !== date || back.time !== time) return null
  // An hour earlier may name the same wall time (the first pass through a repeated hour).
  const earlier = new Date(instant.getTime() - 3_600_000)
  const again = toWallClock(earlier, timeZone)
  return again.date === date && again.time === time ? earlier : instant
}
