import { createEvents, type EventAttributes } from 'ics'
import { APPOINTMENT_KIND_LABELS, type AppointmentKind, type AppointmentStatus } from '@/lib/appointments/appointment.schema'

export interface CalendarEntry {
  id: string
  kind: AppointmentKind
  status: AppointmentStatus
  /** ISO timestamps. */
  startsAt: string
  endsAt: string
  /** Who the appointment is with: the client for a doula's feed, the practice for a client's download. */
  counterpart: string | null
  location: string | null
  videoUrl: string | null
  updatedAt: string
}

export interface CalendarOptions {
  name: string
  /**
   * A "private" feed (for calendars shared with family or synced to a work account) shows only the
   * kind and time: no names, places or links that could identify a client.
   */
  hideClientDetails: boolean
}

const STATUS: Record<AppointmentStatus, EventAttributes['status']> = {
  scheduled: 'CONFIRMED',
  completed: 'CONFIRMED',
  cancelled: 'CANCELLED',
}

function toEvent(entry: CalendarEntry, hide: boolean): EventAttributes {
  const label = APPOINTMENT_KIND_LABELS[entry.kind]
  const withWhom = !hide && entry.counterpart ? ` with ${entry.counterpart}` : ''
  return {
    uid: `${entry.id}@doulaos.app`,
    start: Date.parse(entry.startsAt),
    end: Date.parse(entry.endsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${label}${withWhom}`,
    status: STATUS[entry.status],
    lastModified: Date.parse(entry.updatedAt),
    ...(hide ? { classification: 'PRIVATE' } : {}),
    ...(!hide && entry.location ? { location: entry.location } : {}),
    ...(!hide && entry.videoUrl ? { url: entry.videoUrl, description: `Join: ${entry.videoUrl}` } : {}),
  }
}

/** A whole-day, free-time event such as an on-call window (dates inclusive, in the practice's calendar). */
export interface AllDayEntry {
  uid: string
  title: string
  /** "YYYY-MM-DD" */
  start: string
  /** "YYYY-MM-DD", inclusive; ICS ends all-day events on the day after. */
  end: string
}

const dateParts = (date: string): [number, number, number] => date.split('-').map(Number) as [number, number, number]

function toAllDayEvent(entry: AllDayEntry): EventAttributes {
  const [y, m, d] = dateParts(entry.end)
  const dayAfter = new Date(Date.UTC(y, m - 1, d + 1))
  return {
    uid: `${entry.uid}@doulaos.app`,
    start: dateParts(entry.start),
    end: [dayAfter.getUTCFullYear(), dayAfter.getUTCMonth() + 1, dayAfter.getUTCDate()],
    title: entry.title,
    // On call is availability, not a meeting: it must not block her calendar as busy.
    transp: 'TRANSPARENT',
  }
}

/** An RFC 5545 calendar of appointments, for subscription feeds and "add to calendar" downloads. */
export function buildCalendar(entries: CalendarEntry[], options: CalendarOptions, allDay: AllDayEntry[] = []): string {
  const { error, value } = createEvents(
    [...entries.map((e) => toEvent(e, options.hideClientDetails)), ...allDay.map(toAllDayEvent)],
    { productId: '-//DoulaOS//Appointments//EN', calName: options.name, method: 'PUBLISH' },
  )
  if (error || value === null) throw error ?? new Error('Could not build the calendar')
  return value
}

/** One appointment as an invitation-free calendar file, for an email attachment. */
export function buildSingleEvent(event: { id: string; title: string; startsAt: string; endsAt: string }): string {
  const { error, value } = createEvents(
    [
      {
        uid: `${event.id}@doulaos.app`,
        start: Date.parse(event.startsAt),
        end: Date.parse(event.endsAt),
        startInputType: 'utc',
        startOutputType: 'utc',
        endInputType: 'utc',
        endOutputType: 'utc',
        title: event.title,
        status: 'CONFIRMED',
      },
    ],
    { productId: '-//DoulaOS//Appointments//EN', method: 'PUBLISH' },
  )
  if (error || value === null) throw error ?? new Error('Could not build the calendar file')
  return value
}
