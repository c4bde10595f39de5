import type { CalendarDate } from '@/lib/dates/calendar-date'

const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })

/** "Mar 14, 2027" for a calendar date; formatted in UTC because a calendar date has no time zone. */
export function formatDay(date: CalendarDate): string {
  return DAY.format(new Date(`${date}T00:00:00Z`))
}

/** "Mar 14, 2027, 3:05 PM" for an instant, in the practice's time zone. */
export function formatInstant(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso))
}
