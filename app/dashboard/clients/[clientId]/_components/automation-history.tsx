import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import type { RunRow } from '@/lib/automations/queries'
import { JOURNEY_STATUS_LABELS, JourneyStatusSchema } from '@/lib/journeys/journey.schema'
import { formatDay, formatInstant } from '../../../_components/format'

const STATE_LABELS: Record<string, string> = { pending: 'Waiting to send', done: 'Done', failed: 'Not sent', skipped: 'Skipped' }

/** What fired a run, in words: her status change, or a milestone's date. */
function cause(r: RunRow): string {
  if (r.source === 'due_date') {
    const on = r.milestoneDueOn ? ` (${formatDay(r.milestoneDueOn)})` : ''
    return `On the date of “${r.milestoneTitle ?? 'a milestone'}”${on}`
  }
  const status = JourneyStatusSchema.safeParse(r.onStatus)
  const became = `When she became ${status.success ? JOURNEY_STATUS_LABELS[status.data] : (r.onStatus ?? 'a new status')}`
  return r.ruleRemoved ? `${became} (a rule since removed)` : became
}

/** "What happened and when": what the practice's automations (status rules and milestone dates) did for her current journey. */
export function AutomationHistory({ runs, timeZone }: { runs: RunRow[]; timeZone: string }) {
  return (
    <Card className="mt-6" data-test="automation-history">
      <CardHeader>
        <CardTitle>Automations</CardTitle>
        <CardDescription>What your rules and milestone actions did for this journey, and when.</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="flex flex-col gap-3">
          {runs.map((r) => (
            <li key={r.id} className="flex flex-col gap-1 text-sm sm:flex-row sm:items-center sm:justify-between" data-test="automation-run">
              <div className="min-w-0">
                <p className="break-words font-medium">{r.what}</p>
                <p className="break-words text-muted-foreground">
                  {cause(r)} · {formatInstant(r.firedAt, timeZone)}
                  {r.detail ? ` · ${r.detail}` : ''}
                </p>
              </div>
              <Badge tone={r.state === 'done' ? 'success' : 'neutral'}>{STATE_LABELS[r.state] ?? r.state}</Badge>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  )
}
