import { CalendarDays } from 'lucide-react'
import { EmptyState } from '@/components/ui/empty-state'
import type { AgendaItem } from '@/lib/appointments/queries'
import { TIME_OF_DAY } from '@/lib/appointments/time-range'
import { toWallClock } from '@/lib/dates/zoned-time'
import type { CalendarDate } from '@/lib/dates/calendar-date'
import { AppointmentList } from '../../_components/appointment-list'
import { longDay } from './calendar-day'

/** Four weeks as a list of the days that have appointments, each editable and cancellable in place. */
export function AgendaView({ items, timeZone, members }: { items: AgendaItem[]; timeZone: string; members: { value: string; label: string }[] }) {
  if (items.length === 0) {
    return (
      <EmptyState
        icon={CalendarDays}
        title="Nothing booked in these four weeks"
        description="Book from here or from a client's Appointments tab; appointments show here once they are booked."
        data-test="calendar-empty"
      />
    )
  }
  const groups = new Map<CalendarDate, AgendaItem[]>()
  for (const item of items) {
    const date = toWallClock(new Date(item.startsAt), timeZone).date
    groups.set(date, [...(groups.get(date) ?? []), item])
  }
  return (
    <div className="space-y-6" data-test="agenda">
      {[...groups].map(([date, dayItems]) => (
        <section key={date} aria-label={longDay(date)}>
          <h3 className="mb-2 text-sm font-semibold text-muted-foreground">{longDay(date)}</h3>
          <AppointmentList items={dayItems} start={TIME_OF_DAY} timeZone={timeZone} showClient manage={{ timeZone, members }} />
        </section>
      ))}
    </div>
  )
}
