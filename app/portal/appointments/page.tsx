import { CalendarDays, CalendarPlus } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { APPOINTMENT_KIND_LABELS } from '@/lib/appointments/appointment.schema'
import { requirePortalContext } from '@/lib/server/portal-context'
import { listAppointments, type PortalAppointment } from '@/lib/portal/queries'
import { formatAppointmentTime } from '../_components/format'

export const metadata: Metadata = { title: 'Appointments' }

function AppointmentCard({ appointment, timeZone, upcoming }: { appointment: PortalAppointment; timeZone: string; upcoming: boolean }) {
  const cancelled = appointment.status === 'cancelled'
  return (
    <Card data-test="portal-appointment">
      <CardContent className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 font-semibold">
            {APPOINTMENT_KIND_LABELS[appointment.kind]}
            {cancelled ? <Badge>Cancelled</Badge> : null}
          </p>
          <p className="text-sm text-muted-foreground">{formatAppointmentTime(appointment.starts_at, appointment.ends_at, timeZone)}</p>
          {appointment.location ? <p className="mt-1 text-sm break-words">{appointment.location}</p> : null}
        </div>
        {upcoming && !cancelled ? (
          <a
            href={`/portal/appointments/${appointment.id}/ics`}
            download
            className="inline-flex h-10 shrink-0 items-center justify-center gap-2 rounded-md border border-input bg-card px-4 text-sm font-medium hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
            data-test="add-to-calendar"
          >
            <CalendarPlus aria-hidden className="size-4" />
            Add to calendar
          </a>
        ) : null}
      </CardContent>
    </Card>
  )
}

export default async function PortalAppointmentsPage() {
  const { db, active } = await requirePortalContext()
  const { upcoming, past } = await listAppointments(db, active)
  return (
    <>
      <PageHeader title="Appointments" description={`Your visits with ${active.practiceName}.`} />
      <section aria-labelledby="upcoming-heading" className="flex flex-col gap-3">
        <h2 id="upcoming-heading" className="text-lg font-semibold">Upcoming</h2>
        {upcoming.length === 0 ? (
          <EmptyState icon={CalendarDays} title="Nothing scheduled" description="When your doula books a visit, it appears here." data-test="portal-appointments-empty" />
        ) : (
          upcoming.map((a) => <AppointmentCard key={a.id} appointment={a} timeZone={active.timeZone} upcoming />)
        )}
      </section>
      {past.length > 0 ? (
        <section aria-labelledby="past-heading" className="mt-10 flex flex-col gap-3">
          <h2 id="past-heading" className="text-lg font-semibold">Past</h2>
          {past.map((a) => <AppointmentCard key={a.id} appointment={a} timeZone={active.timeZone} upcoming={false} />)}
        </section>
      ) : null}
    </>
  )
}
