import Link from 'next/link'
import { cn } from '@/components/ui/cn'
import { isSameMonth } from '@/lib/calendar/grid'
import type { CalendarDate } from '@/lib/dates/calendar-date'
import { AppointmentChip } from './appointment-chip'
import { dayOfMonth, longDay, shortDay, type CalendarDay, type OnCallMark } from './calendar-day'

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const MAX_IN_CELL = 3

/**
 * The month as a Monday-first grid on wide screens. On a phone a 7-column grid is too narrow to
 * read, so the month collapses to its on-call windows, then a list of the days with appointments.
 * An on-call window is one bar: named on the first day it shows in the grid, a plain band after.
 */
export function MonthView({
  days,
  month,
  today,
  timeZone,
  weekHref,
}: {
  days: CalendarDay[]
  month: CalendarDate
  today: CalendarDate
  timeZone: string
  weekHref: (date: CalendarDate) => string
}) {
  const busy = days.filter((d) => isSameMonth(d.date, month) && d.appointments.length > 0)
  const windows = [...new Map(days.flatMap((d) => (isSameMonth(d.date, month) ? d.onCall : [])).map((m) => [m.journeyId, m])).values()]
  return (
    <div data-test="month-view">
      <div className="hidden lg:block">
        <div className="grid grid-cols-7 gap-px text-center text-xs font-medium text-muted-foreground" aria-hidden>
          {WEEKDAYS.map((d) => (
            <div key={d} className="pb-2">
              {d}
            </div>
          ))}
        </div>
        <ol className="grid grid-cols-7 gap-px overflow-hidden rounded-xl border border-border bg-border">
          {days.map((day, index) => {
            const inMonth = isSameMonth(day.date, month)
            const more = day.appointments.length - MAX_IN_CELL
            return (
              <li
                key={day.date}
                aria-label={longDay(day.date)}
                aria-current={day.date === today ? 'date' : undefined}
                data-test="calendar-day"
                data-date={day.date}
                className={cn('flex min-h-28 flex-col gap-1 p-1.5', inMonth ? 'bg-card' : 'bg-muted/70')}
              >
                <span
                  className={cn(
                    'self-start px-1 text-xs font-semibold tabular-nums',
                    !inMonth && 'text-muted-foreground',
                    day.date === today && 'rounded-full bg-primary text-primary-foreground',
                  )}
                >
                  {dayOfMonth(day.date)}
                </span>
                {day.onCall.map((m) =>
                  index === 0 || m.window.start === day.date ? (
                    <span key={m.journeyId} className="truncate rounded bg-secondary px-1.5 text-xs text-secondary-foreground" data-test="on-call-bar" title={windowLabel(m)}>
                      On call: {m.clientName}
                      <span className="sr-only">, {windowSpan(m)}</span>
                    </span>
                  ) : (
                    <span key={m.journeyId} aria-hidden className="h-4 rounded bg-secondary" title={windowLabel(m)} data-test="on-call-band" />
                  ),
                )}
                {day.appointments.slice(0, MAX_IN_CELL).map((a) => (
                  <AppointmentChip key={a.id} item={a} day={day.date} timeZone={timeZone} compact />
                ))}
                {more > 0 ? (
                  <Link href={weekHref(day.date)} className="px-1 text-xs font-medium text-primary hover:underline">
                    {more} more<span className="sr-only"> on {longDay(day.date)}</span>
                  </Link>
                ) : null}
              </li>
            )
          })}
        </ol>
      </div>
      <div className="flex flex-col gap-3 lg:hidden">
        {windows.length > 0 ? (
          <ul className="flex flex-col gap-1 rounded-xl border border-border bg-card p-3" aria-label="On call this month" data-test="on-call-windows">
            {windows.map((m) => (
              <li key={m.journeyId} className="text-sm">
                <Link href={`/dashboard/clients/${m.clientId}`} className="font-medium hover:underline">
                  On call: {m.clientName}
                </Link>{' '}
                <span className="text-muted-foreground">· {windowSpan(m)}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {busy.length === 0 ? (
          <p className="rounded-xl border border-border bg-card p-4 text-muted-foreground">Nothing booked this month.</p>
        ) : (
          <ol className="flex flex-col gap-3">
            {busy.map((day) => (
              <li key={day.date} className="flex flex-col gap-2 rounded-xl border border-border bg-card p-3" data-date={day.date}>
                <h3 className="text-sm font-semibold">{longDay(day.date)}</h3>
                {day.appointments.map((a) => (
                  <AppointmentChip key={a.id} item={a} day={day.date} timeZone={timeZone} />
                ))}
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  )
}

const windowSpan = (m: OnCallMark) => `${shortDay(m.window.start)} – ${shortDay(m.window.end)}`
const windowLabel = (m: OnCallMark) => `On call: ${m.clientName}, ${windowSpan(m)}${m.doulaName ? ` (${m.doulaName})` : ''}`
