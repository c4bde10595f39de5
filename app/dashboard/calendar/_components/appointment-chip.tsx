import Link from 'next/link'
import type { AgendaItem } from '@/lib/appointments/queries'
import { daysCovered, endsOnAnotherDay, formatEnd, formatEndFrom, TIME_OF_DAY } from '@/lib/appointments/time-range'
import { cn } from '@/lib/cn'
import type { CalendarDate } from '@/lib/dates/calendar-date'
import { formatIn } from '@/lib/dates/zoned-format'
import { kindLabel } from '../../_components/appointment-list'

/**
 * One appointment in the cell of `day`: start time, client and kind; cancelled ones struck through. One
 * that runs past midnight names its end on its first day ("– Wed 4:00 AM") and shows again on each later
 * day it covers as "until 4:00 AM", so the morning after a birth never looks free.
 */
export function AppointmentChip({ item, day, timeZone, compact = false }: { item: AgendaItem; day: CalendarDate; timeZone: string; compact?: boolean }) {
  const cancelled = item.status === 'cancelled'
  const continued = daysCovered(item.startsAt, item.endsAt, timeZone).first !== day
  const time = continued
    ? `until ${formatEndFrom(day, item.endsAt, timeZone)}`
    : `${formatIn(TIME_OF_DAY, timeZone).format(new Date(item.startsAt))}${endsOnAnotherDay(item.startsAt, item.endsAt, timeZone) ? ` – ${formatEnd(item.startsAt, item.endsAt, timeZone)}` : ''}`
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
      <span className="tabular-nums text-muted-foreground">{time}</span> <span className="font-medium">{item.clientName}</span>
      {compact ? (
        continued ? <span className="sr-only">, continued</span> : null
      ) : (
        <span className="block text-muted-foreground">
          {kindLabel(item.kind)}
          {continued ? ', continued' : null}
        </span>
      )}
      {cancelled ? <span className="sr-only"> (cancelled)</span> : null}
    </Link>
  )
}
