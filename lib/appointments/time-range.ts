import type { CalendarDate } from '@/lib/dates/calendar-date'
import { formatIn, type DateFormat } from '@/lib/dates/zoned-format'
import { toWallClock } from '@/lib/dates/zoned-time'

/** "10:00 PM" */
export const TIME_OF_DAY: DateFormat = { locale: 'en-US', options: { hour: 'numeric', minute: '2-digit' } }
const SHORT_WEEKDAY_TIME: DateFormat = { locale: 'en-US', options: { weekday: 'short', hour: 'numeric', minute: '2-digit' } }
const LONG_WEEKDAY_TIME: DateFormat = { locale: 'en-US', options: { weekday: 'long', hour: 'numeric', minute: '2-digit' } }

/** Does the appointment end on a later day than it starts, on the wall clock in `timeZone`? */
export function endsOnAnotherDay(startsAt: string, endsAt: string, timeZone: string): boolean {
  return toWallClock(new Date(startsAt), timeZone).date !== toWallClock(new Date(endsAt), timeZone).date
}

/** The wall-clock days an appointment touches, first and last; one ending at midnight does not touch the next day. */
export function daysCovered(startsAt: string, endsAt: string, timeZone: string): { first: CalendarDate; last: CalendarDate } {
  return { first: toWallClock(new Date(startsAt), timeZone).date, last: toWallClock(new Date(Date.parse(endsAt) - 1), timeZone).date }
}

/**
 * The end as someone reading `day` needs it: "4:00 AM" when it ends that day, "Wed 4:00 AM" (or
 * "Wednesday 4:00 AM") on a later one. A weekday is unambiguous because appointments last 3 days at most.
 */
export function formatEndFrom(day: CalendarDate, endsAt: string, timeZone: string, weekday: 'short' | 'long' = 'short'): string {
  const end = new Date(endsAt)
  const format = toWallClock(end, timeZone).date === day ? TIME_OF_DAY : weekday === 'short' ? SHORT_WEEKDAY_TIME : LONG_WEEKDAY_TIME
  return formatIn(format, timeZone).format(end)
}

/** The end as someone who has just read the start needs it (see `formatEndFrom`). */
export function formatEnd(startsAt: string, endsAt: string, timeZone: string, weekday: 'short' | 'long' = 'short'): string {
  return formatEndFrom(toWallClock(new Date(startsAt), timeZone).date, endsAt, timeZone, weekday)
}

/** "10:00 PM – Wed 4:00 AM", the start in the `start` format (a time of day unless told). */
export function formatTimeRange(startsAt: string, endsAt: string, timeZone: string, start: DateFormat = TIME_OF_DAY, weekday: 'short' | 'long' = 'short'): string {
  return `${formatIn(start, timeZone).format(new Date(startsAt))} – ${formatEnd(startsAt, endsAt, timeZone, weekday)}`
}
