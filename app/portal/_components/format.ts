import { formatTimeRange, TIME_OF_DAY } from '@/lib/appointments/time-range'
import { formatIn, type DateFormat } from '@/lib/dates/zoned-format'

const DAY: DateFormat = { locale: 'en-US', options: { weekday: 'long', month: 'long', day: 'numeric' } }
const CALENDAR_DATE = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' })

/**
 * Appointment times in the practice's zone, spelled out for someone reading on a phone:
 * "Tuesday, December 1, 10:00 PM – Wednesday 4:00 AM" when it runs past midnight.
 */
export function formatAppointmentTime(startsAt: string, endsAt: string, timeZone: string): string {
  return `${formatIn(DAY, timeZone).format(new Date(startsAt))}, ${formatTimeRange(startsAt, endsAt, timeZone, TIME_OF_DAY, 'long')}`
}

export function formatCalendarDate(date: string): string {
  return CALENDAR_DATE.format(new Date(`${date}T00:00:00Z`))
}
