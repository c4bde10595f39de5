import Link from 'next/link'
import type { AgendaItem } from '@/lib/appointments/queries'
import { cn } from '@/lib/cn'
import { kindLabel } from '../../_components/appointment-list'

/** One appointment in a day cell: time, client and kind; cancelled ones struck through. */
export function AppointmentChip({ item, time, compact = false }: { item: AgendaItem; time: Intl.DateTimeFormat; compact?: boolean }) {
  const cancelled = item.status === 'cancelled'
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
      <span className="tabular-nums text-muted-foreground">{time.format(new Date(item.startsAt))}</span>{' '}
      <span className="font-medium">{item.clientName}</span>
      {compact ? null : <span className="block text-muted-foreground">{kindLabel(item.kind)}</span>}
      {cancelled ? <span className="sr-only"> (cancelled)</span> : null}
    </Link>
  )
}
