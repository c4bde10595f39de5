import { CalendarClock, TriangleAlert } from 'lucide-react'
import type { ReactNode } from 'react'
import type { CapacityReport } from '@/lib/journeys/capacity'
import { cn } from '@/components/ui/cn'
import { formatDay } from '../../_components/format'

/** The on-call picture for a due date being entered: its window and the booked windows it overlaps. */
export function CapacityPanel({ report, mustConfirm, children }: { report: CapacityReport; mustConfirm: boolean; children?: ReactNode }) {
  const Icon = report.exceeded ? TriangleAlert : CalendarClock
  return (
    <div
      role={report.exceeded ? 'alert' : 'status'}
      data-test="capacity-panel"
      className={cn('rounded-lg border p-4 text-sm', report.exceeded ? 'border-danger/40 bg-danger-soft' : 'border-border bg-muted/60')}
    >
      <p className="flex items-start gap-2 font-medium">
        <Icon aria-hidden className={cn('mt-0.5 size-4 shrink-0', report.exceeded && 'text-danger')} />
        <span>
          On call {formatDay(report.window.start)} to {formatDay(report.window.end)}.{' '}
          {report.exceeded
            ? `This breaks your rule of at most ${report.rule.maxDueDates} due dates within ${report.rule.windowDays} days.`
            : report.overlapping.length === 0
              ? 'No other booked client is on call then.'
              : 'Within your capacity rule.'}
        </span>
      </p>
      {report.overlapping.length > 0 ? (
        <ul className="mt-2 flex flex-col gap-1 pl-6" data-test="capacity-overlaps">
          {report.overlapping.map((j) => (
            <li key={j.journeyId}>
              {j.clientName}, due {formatDay(j.dueDate)} (on call {formatDay(j.window.start)} to {formatDay(j.window.end)})
            </li>
          ))}
        </ul>
      ) : null}
      {mustConfirm ? children : null}
    </div>
  )
}
