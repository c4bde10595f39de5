import type { CalendarDate } from '@/lib/dates/calendar-date'
import { formatIn, type DateFormat } from '@/lib/dates/zoned-format'

const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })

/** "Mar 14, 2027" for a calendar date; formatted in UTC because a calendar date has no time zone. */
export function formatDay(date: CalendarDate): string {
  return DAY.format(new Date(`${date}T00:00:00Z`))
}

export const INSTANT: DateFormat = { locale: 'en-US', options: { dateStyle: 'medium', timeStyle: 'short' } }

/** "Mar 14, 2027, 3:05 PM" for an instant, in the practice's time zone. */
export function formatInstant(iso: string, timeZone: string): string {
  return formatIn(INSTANT, timeZone).format(new Date(iso))
}
