import { cn } from '@/components/ui/cn'
import type { CalendarDate } from '@/lib/dates/calendar-date'
import { AppointmentChip } from './appointment-chip'
import { dayOfMonth, longDay, shortWeekday, type CalendarDay } from './calendar-day'
import { OnCallLane } from './on-call-lane'
import { ScrollToToday } from './scroll-to-today'

const WEEK_LIST_ID = 'calendar-week'

/**
 * Seven day columns from Monday on wide screens; on a phone the same days stack as a list, so
 * nothing needs sideways scrolling at 390 px, and the list opens at today.
 */
export function WeekView({ days, today, timeZone }: { days: CalendarDay[]; today: CalendarDate; timeZone: string }) {
  return (
    <>
    <ol id={WEEK_LIST_ID} className="grid gap-3 lg:grid-cols-7 lg:gap-2" data-test="week-view">
      {days.map((day) => {
        const isToday = day.date === today
        return (
          <li
            key={day.date}
            aria-label={longDay(day.date)}
            aria-current={isToday ? 'date' : undefined}
            data-test="calendar-day"
            data-date={day.date}
            className={cn('flex min-h-24 scroll-mt-20 flex-col gap-2 rounded-xl border bg-card p-3 lg:min-h-56 lg:p-2', isToday ? 'border-primary' : 'border-border')}
          >
            <h3 className="flex items-baseline gap-2 text-sm">
              <span className="font-medium text-muted-foreground">{shortWeekday(day.date)}</span>
              <span className={cn('tabular-nums font-semibold', isToday && 'rounded-full bg-primary px-1.5 text-primary-foreground')}>{dayOfMonth(day.date)}</span>
              {isToday ? <span className="sr-only">(today)</span> : null}
            </h3>
            <OnCallLane marks={day.onCall} />
            {day.appointments.length > 0 ? (
              <ul className="flex flex-col gap-1.5">
                {day.appointments.map((a) => (
                  <li key={a.id}>
                    <AppointmentChip item={a} day={day.date} timeZone={timeZone} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-muted-foreground lg:sr-only">Nothing booked</p>
            )}
          </li>
        )
      })}
    </ol>
    {days.some((d) => d.date === today) ? <ScrollToToday listId={WEEK_LIST_ID} /> : null}
    </>
  )
}
