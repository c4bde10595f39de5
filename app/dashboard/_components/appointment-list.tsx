import Link from 'next/link'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent } from '@/components/ui/card'
import type { AgendaItem } from '@/lib/appointments/queries'
import { APPOINTMENT_KIND_LABELS, type AppointmentKind } from '@/lib/calendar/ics'

const kindLabel = (kind: string) => APPOINTMENT_KIND_LABELS[kind as AppointmentKind] ?? 'Appointment'

/**
 * Appointments as a card of rows, times in the practice's zone. The calendar names the client on each
 * row; a client's own page does not (`showClient`).
 */
export function AppointmentList({
  items,
  format,
  showClient,
  'data-test': dataTest,
}: {
  items: AgendaItem[]
  format: Intl.DateTimeFormat
  showClient: boolean
  'data-test'?: string
}) {
  return (
    <Card>
      <CardContent className="p-0">
        <ul className="divide-y divide-border" data-test={dataTest}>
          {items.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3">
              <span className="text-sm tabular-nums text-muted-foreground">{format.format(new Date(a.startsAt))}</span>
              {showClient ? (
                <Link href={`/dashboard/clients/${a.clientId}`} className="font-medium hover:underline">
                  {a.clientName}
                </Link>
              ) : null}
              <span className={showClient ? 'text-sm text-muted-foreground' : 'font-medium'}>{kindLabel(a.kind)}</span>
              {a.status === 'cancelled' ? <Badge>Cancelled</Badge> : null}
              {a.location ? <span className="basis-full text-sm text-muted-foreground">{a.location}</span> : null}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  )
}
