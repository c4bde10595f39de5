import { formatIn, type DateFormat } from '@/lib/dates/zoned-format'

const DAY: DateFormat = { locale: 'en-US', options: { weekday: 'long', month: 'long', day: 'numeric' } }
const TIME: DateFormat = { locale: 'en-US', options: { hour: 'numeric', minute: '2-digit' } }
const CALENDAR_DATE = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' })

/** Appointment times in the practice's zone, spelled out for someone reading on a phone. */
export function formatAppointmentTime(startsAt: string, endsAt: string, timeZone: string): string {
  const day = formatIn(DAY, timeZone)
  const time = formatIn(TIME, timeZone)
  return `${day.format(new Date(startsAt))}, ${time.format(new Date(startsAt))} – ${time.format(new Date(endsAt))}`
}

export function formatCalendarDate(date: string): string {
  return CALENDAR_DATE.format(new Date(`${date}T00:00:00Z`))
}
