import { ChevronLeft, ChevronRight } from 'lucide-react'
import Link from 'next/link'
import { CALENDAR_VIEWS, calendarHref, stepDate, type CalendarParams } from '@/lib/calendar/grid'
import { cn } from '@/components/ui/cn'
import type { CalendarDate } from '@/lib/dates/calendar-date'
import { selectClassName } from '../../_components/select-field'

const VIEW_LABELS = { week: 'Week', month: 'Month', agenda: 'Agenda' } as const
const linkClass =
  'inline-flex h-10 items-center justify-center gap-1 rounded-md border border-input bg-card px-3 text-sm font-medium hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring'

/**
 * Period navigation, view switch and filters, all as links and a GET form: the calendar's whole state
 * is in its URL, so every view can be bookmarked, shared and used without JavaScript.
 */
export function CalendarToolbar({
  params,
  today,
  title,
  members,
}: {
  params: CalendarParams
  today: CalendarDate
  title: string
  members: { value: string; label: string }[]
}) {
  const unit = VIEW_LABELS[params.view].toLowerCase()
  return (
    <div className="mb-6 flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label="Calendar period" className="flex items-center gap-1">
          <Link href={calendarHref(params, { date: stepDate(params.view, params.date, -1) })} className={linkClass} data-test="calendar-prev">
            <ChevronLeft aria-hidden className="size-4" />
            <span className="sr-only">Previous {unit}</span>
          </Link>
          <Link href={calendarHref(params, { date: today })} className={linkClass} data-test="calendar-today">
            Today
          </Link>
          <Link href={calendarHref(params, { date: stepDate(params.view, params.date, 1) })} className={linkClass} data-test="calendar-next">
            <ChevronRight aria-hidden className="size-4" />
            <span className="sr-only">Next {unit}</span>
          </Link>
        </nav>
        <h2 className="ml-1 text-lg font-semibold" data-test="calendar-title" aria-live="polite">
          {title}
        </h2>
        <nav aria-label="Calendar view" className="flex rounded-md border border-input bg-card p-0.5 sm:ml-auto">
          {CALENDAR_VIEWS.map((view) => (
            <Link
              key={view}
              href={calendarHref(params, { view })}
              aria-current={view === params.view ? 'page' : undefined}
              data-test={`calendar-view-${view}`}
              className={cn(
                'inline-flex h-9 items-center rounded px-3 text-sm font-medium',
                view === params.view ? 'bg-primary text-primary-foreground' : 'text-muted-foreground hover:text-foreground',
              )}
            >
              {VIEW_LABELS[view]}
            </Link>
          ))}
        </nav>
      </div>
      <form action="/dashboard/calendar" method="get" className="flex flex-wrap items-end gap-3" data-test="calendar-filters">
        <input type="hidden" name="view" value={params.view} />
        <input type="hidden" name="date" value={params.date} />
        <div className="flex flex-col gap-1.5">
          <label htmlFor="calendar-doula" className="text-sm font-medium">
            Doula
          </label>
          <select id="calendar-doula" name="doula" defaultValue={params.doulaId ?? ''} className={cn(selectClassName, 'w-56')} data-test="calendar-doula">
            <option value="">Everyone</option>
            {members.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <label className="flex h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="cancelled" value="show" defaultChecked={params.showCancelled} className="size-4 accent-primary" data-test="calendar-show-cancelled" />
          Show cancelled
        </label>
        <button type="submit" className={cn(linkClass, 'h-11')} data-test="calendar-filter-apply">
          Apply
        </button>
      </form>
    </div>
  )
}
