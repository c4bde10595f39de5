import { Pencil } from 'lucide-react'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent } from '@/components/ui/card'
import type { AgendaItem } from '@/lib/appointments/queries'
import { editValues } from '@/lib/appointments/edit-values'
import { formatTimeRange } from '@/lib/appointments/time-range'
import { appointmentKindLabel } from '@/lib/appointments/appointment.schema'
import { cn } from '@/components/ui/cn'
import type { DateFormat } from '@/lib/dates/zoned-format'
import { AppointmentDialog } from '../calendar/_components/appointment-dialog'
import { CancelAppointment } from '../calendar/_components/cancel-appointment'

/** What a row needs to offer editing and cancelling. */
export interface ManageOptions {
  timeZone: string
  members: { value: string; label: string }[]
}

/**
 * Appointments as a card of rows, each with its time range in the practice's zone (the start in `start`,
 * the end naming its weekday when it falls on another day). The calendar names the client on each row; a
 * client's own page does not (`showClient`). Cancelled ones stay listed, struck through.
 */
export function AppointmentList({
  items,
  start,
  timeZone,
  showClient,
  manage,
  footer,
  'data-test': dataTest,
}: {
  items: AgendaItem[]
  start: DateFormat
  timeZone: string
  showClient: boolean
  manage?: ManageOptions
  /** Extra content under a row, such as its private note. */
  footer?: (item: AgendaItem) => ReactNode
  'data-test'?: string
}) {
  return (
    <Card>
      <CardContent className="p-0">
        <ul className="divide-y divide-border" data-test={dataTest}>
          {items.map((a) => {
            const cancelled = a.status === 'cancelled'
            const when = formatTimeRange(a.startsAt, a.endsAt, timeZone, start)
            const summary = `${appointmentKindLabel(a.kind)}${showClient ? ` with ${a.clientName}` : ''}, ${when}`
            const rowId = `appointment-${a.id}`
            return (
              <li
                key={a.id}
                id={rowId}
                className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3 focus:outline-none"
                data-test="appointment-row"
                data-status={a.status}
              >
                <span className={cn('text-sm tabular-nums text-muted-foreground', cancelled && 'line-through')} data-test="appointment-when">
                  {when}
                </span>
                {showClient ? (
                  <Link href={`/dashboard/clients/${a.clientId}?tab=appointments`} className={cn('font-medium hover:underline', cancelled && 'line-through')}>
                    {a.clientName}
                  </Link>
                ) : null}
                <span className={cn(showClient ? 'text-sm text-muted-foreground' : 'font-medium', cancelled && 'line-through')}>{appointmentKindLabel(a.kind)}</span>
                {cancelled ? <Badge>Cancelled</Badge> : null}
                {manage && !cancelled ? (
                  <span className="ml-auto flex items-center gap-1">
                    <AppointmentDialog
                      values={editValues(a, manage.timeZone)}
                      timeZone={manage.timeZone}
                      members={manage.members}
                      title="Edit appointment"
                      trigger={
                        <button
                          type="button"
                          data-test="appointment-edit"
                          className="inline-flex h-8 items-center gap-1.5 rounded-md px-3 text-sm font-medium hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
                        >
                          <Pencil aria-hidden className="size-3.5" /> Edit<span className="sr-only"> {summary}</span>
                        </button>
                      }
                    />
                    <CancelAppointment appointmentId={a.id} summary={summary} focusWhenDone={rowId} />
                  </span>
                ) : null}
                {a.location ? <span className="basis-full text-sm text-muted-foreground">{a.location}</span> : null}
                {footer?.(a)}
              </li>
            )
          })}
        </ul>
      </CardContent>
    </Card>
  )
}
