import { createEvents, type EventAttributes } from 'ics'

export type AppointmentKind = 'consult' | 'prenatal' | 'birth' | 'postpartum' | 'other'
export type AppointmentStatus = 'scheduled' | 'cancelled' | 'completed'

export const APPOINTMENT_KIND_LABELS: Record<AppointmentKind, string> = {
  consult: 'Consultation',
  prenatal: 'Prenatal visit',
  birth: 'Birth',
  postpartum: 'Postpartum visit',
  other: 'Appointment',
}

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

/** An RFC 5545 calendar of appointments, for subscription feeds and "add to calendar" downloads. */
export function buildCalendar(entries: CalendarEntry[], options: CalendarOptions): string {
  const { error, value } = createEvents(
    entries.map((e) => toEvent(e, options.hideClientDetails)),
    { productId: '-//DoulaOS//Appointments//EN', calName: options.name, method: 'PUBLISH' },
  )
  if (error || value === null) throw error ?? new Error('Could not build the calendar')
  return value
}
