import { CalendarDays } from 'lucide-react'
import { EmptyState } from '@/components/ui/empty-state'
import type { AgendaItem, AppointmentNote } from '@/lib/appointments/queries'
import { todayIn } from '@/lib/dates/calendar-date'
import type { DateFormat } from '@/lib/dates/zoned-format'
import { AppointmentList } from '../../../_components/appointment-list'
import { AppointmentDialog } from '../../../calendar/_components/appointment-dialog'
import { AppointmentNotes } from './appointment-notes'

const DAY_AND_TIME: DateFormat = { locale: 'en-US', options: { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' } }

/** Her appointments, newest first, with booking, editing and cancelling. */
export function AppointmentsPanel({
  clientId,
  hasJourney,
  appointments,
  notes,
  userId,
  members,
  defaultDoulaId,
  timeZone,
}: {
  clientId: string
  hasJourney: boolean
  appointments: AgendaItem[]
  notes: AppointmentNote[]
  userId: string
  members: { value: string; label: string }[]
  defaultDoulaId: string
  timeZone: string
}) {
  const today = todayIn(timeZone, new Date())
  const book = hasJourney ? (
    <AppointmentDialog
      timeZone={timeZone}
      members={members}
      values={{
        clientId,
        kind: 'prenatal',
        date: today,
        startTime: '10:00',
        endDate: today,
        endTime: '11:00',
        doulaId: defaultDoulaId,
        location: '',
        videoUrl: '',
        sharedWithClient: true,
        bookAnyway: false,
      }}
    />
  ) : null
  if (appointments.length === 0) {
    return (
      <EmptyState
        icon={CalendarDays}
        title="No appointments yet"
        description={hasJourney ? 'Book her consultation or next visit; it shows on the calendar too.' : 'Start a journey for her to book appointments.'}
        action={book}
      />
    )
  }
  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end">{book}</div>
      <AppointmentList
        items={appointments}
        start={DAY_AND_TIME}
        timeZone={timeZone}
        showClient={false}
        manage={{ timeZone, members }}
        footer={(a) => <AppointmentNotes clientId={clientId} appointmentId={a.id} notes={notes.filter((n) => n.appointmentId === a.id)} userId={userId} />}
        data-test="client-appointments"
      />
    </div>
  )
}
