import Link from 'next/link'
import type { AgendaItem } from '@/lib/appointments/queries'
import { endsOnAnotherDay, formatEnd, TIME_OF_DAY } from '@/lib/appointments/time-range'
import { cn } from '@/lib/cn'
import { formatIn } from '@/lib/dates/zoned-format'
import { kindLabel } from '../../_components/appointment-list'

/**
 * One appointment in the day cell of its start: start time, client and kind; cancelled ones struck
 * through. One that runs past midnight also names its end ("– Wed 4:00 AM"), since no later cell shows it.
 */
export function AppointmentChip({ item, timeZone, compact = false }: { item: AgendaItem; timeZone: string; compact?: boolean }) {
  const cancelled = item.status === 'cancelled'
  const overnight = endsOnAnotherDay(item.startsAt, item.endsAt, timeZone)
  return (
    <Link
      href={`/dashboard/clients/${item.clientId}?tab=appointments`}
      data-test="calendar-appointment"
      data-status={item.status}
      className={cn(
        'block rounded-md border-l-4 px-2 py-1 text-sm leading-snug hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring',
        cancelled ? 'border-border text-muted-foreground line-through' : 'border-primary bg-accent/40',
      )}
    >
      <span className="tabular-nums text-muted-foreground">
        {formatIn(TIME_OF_DAY, timeZone).format(new Date(item.startsAt))}
        {overnight ? ` – ${formatEnd(item.startsAt, item.endsAt, timeZone)}` : null}
      </span>{' '}
      <span className="font-medium">{item.clientName}</span>
      {compact ? null : <span className="block text-muted-foreground">{kindLabel(item.kind)}</span>}
      {cancelled ? <span className="sr-only"> (cancelled)</span> : null}
    </Link>
  )
}
