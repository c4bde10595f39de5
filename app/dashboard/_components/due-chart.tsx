import { cn } from '@/components/ui/cn'

const MONTH = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' })

/** Plain CSS bars, one per month; months above the practice's capacity are marked, not just coloured. */
export function DueChart({ months, capacity }: { months: { month: string; count: number }[]; capacity: number }) {
  const max = Math.max(capacity, ...months.map((m) => m.count), 1)
  return (
    <figure>
      <div className="flex h-40 items-end gap-1.5 sm:gap-3" role="list" aria-label="Due dates per month" data-test="today-due-chart">
        {months.map((m) => {
          const label = MONTH.format(new Date(`${m.month}-01T00:00:00Z`))
          const over = m.count > capacity
          return (
            <div key={m.month} role="listitem" className="flex h-full flex-1 flex-col items-center justify-end gap-1" aria-label={`${label}: ${m.count} due${over ? ', over capacity' : ''}`}>
              <span aria-hidden className="text-xs font-medium">{m.count > 0 ? m.count : ''}</span>
              <div aria-hidden className={cn('w-full rounded-t-sm', over ? 'bg-danger' : 'bg-primary/70')} style={{ height: `${(m.count / max) * 100}%`, minHeight: m.count > 0 ? 4 : 0 }} />
              <span aria-hidden className="text-xs text-muted-foreground">{label}</span>
            </div>
          )
        })}
      </div>
      <figcaption className="mt-3 text-sm text-muted-foreground">Months with more than {capacity} due dates are shown in red.</figcaption>
    </figure>
  )
}
