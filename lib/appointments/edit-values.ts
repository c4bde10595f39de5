import { type AppointmentKind } from '@/lib/appointments/appointment.schema'
import type { AppointmentFormInput } from './appointment.schema'
import type { AgendaItem } from './queries'
import { toWallClock } from '@/lib/dates/zoned-time'

/**
 * The form's values for an existing appointment, on the practice's wall clock. The end date comes from
 * the end instant itself, so an overnight booking opens (and saves back) with its real end day.
 */
export function editValues(a: AgendaItem, timeZone: string): AppointmentFormInput {
  const start = toWallClock(new Date(a.startsAt), timeZone)
  const end = toWallClock(new Date(a.endsAt), timeZone)
  return {
    appointmentId: a.id,
    clientId: a.clientId,
    kind: a.kind as AppointmentKind,
    date: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    doulaId: a.doulaId ?? '',
    location: a.location ?? '',
    videoUrl: a.videoUrl ?? '',
    sharedWithClient: a.sharedWithClient,
    bookAnyway: false,
  }
}
