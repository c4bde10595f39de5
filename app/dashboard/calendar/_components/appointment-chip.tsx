import Link from 'next/link'
import type { AgendaItem } from '@/lib/appointments/queries'
import { daysCovered, endsOnAnotherDay, formatEndFrom, formatTimeRange, TIME_OF_DAY } from '@/lib/appointments/time-range'
import { appointmentKindLabel } from '@/lib/appointments/appointment.schema'
import { cn } from '@/components/ui/cn'
import type { CalendarDate } from '@/lib/dates/calendar-date'
import { formatIn } from '@/lib/dates/zoned-format'

/** "10:00 AM"; "10:00 PM – Wed 4:00 AM" on the first day of an overnight one; "until 4:00 AM" on a later day. */
function chipTime(item: AgendaItem, day: CalendarDate, timeZone: string, continued: boolean): string {
  if (continued) return `until ${formatEndFrom(day, item.endsAt, timeZone)}`
  if (endsOnAnotherDay(item.startsAt, item.endsAt, timeZone)) return formatTimeRange(item.startsAt, item.endsAt, timeZone)
  return formatIn(TIME_OF_DAY, timeZone).format(new Date(item.startsAt))
}

/**
 * One appointment in the cell of `day`: start time, client and kind; cancelled ones struck through. One
 * that runs past midnight names its end on its first day ("– Wed 4:00 AM") and shows again on each later
 * day it covers as "until 4:00 AM", so the morning after a birth never looks free.
 */
export function AppointmentChip({ item, day, timeZone, compact = false }: { item: AgendaItem; day: CalendarDate; timeZone: string; compact?: boolean }) {
  const cancelled = item.status === 'cancelled'
  const continued = daysCovered(item.startsAt, item.endsAt, timeZone).first !== day
  return (
    <Link
      href={`/dashboard/clients/${item.clientId}?tab=appointments`}
      data-test="calendar-appointment"
      data-status={item.status}
      data-continued={continued || undefined}
      className={cn(
        'block rounded-md border-l-4 px-2 py-1 text-sm leading-snug hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring',
        cancelled ? 'border-border text-muted-foreground line-through' : continued ? 'border-dashed border-primary bg-accent/20' : 'border-primary bg-accent/40',
      )}
    >
      <span className="tabular-nums text-muted-foreground">{chipTime(item, day, timeZone, continued)}</span> <span className="font-medium">{item.clientName}</span>
      {compact ? (
        continued ? <span className="sr-only">, continued</span> : null
      ) : (
        <span className="block text-muted-foreground">
          {appointmentKindLabel(item.kind)}
          {continued ? ', continued' : null}
        </span>
      )}
      {cancelled ? <span className="sr-only"> (cancelled)</span> : null}
    </Link>
  )
}
