import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { detailsFromRow } from '@/lib/clients/client-details.schema'
import type { ClientDetail } from '@/lib/clients/queries'
import { todayIn, type CalendarDate } from '@/lib/dates/calendar-date'
import { BIRTH_PLACE_LABELS, DELIVERY_MODE_LABELS } from '@/lib/journeys/journey.schema'
import type { PracticeSettings } from '@/lib/practice/settings'
import { daysUntilDue, formatGestationalAge, gestationalAge, trimester } from '@/lib/pregnancy/gestation'
import { milestoneKind } from '@/lib/pregnancy/milestones'
import { isWithin, onCallWindow } from '@/lib/pregnancy/on-call'
import { formatDay, formatInstant } from '../../../_components/format'
import { AssignDoulas, type AssignDoulasProps } from './assign-doulas'
import { ClientDetailsCard } from './client-details-card'
import { BirthForm } from './birth-form'
import { MilestoneTimeline, type TimelineMilestone } from './milestone-timeline'
import { OnCallOverrideForm } from './on-call-override-form'
import { StartJourneyForm } from './start-journey-form'

const ENDED = ['postpartum', 'complete', 'archived']

function dueLabel(days: number): string {
  if (days === 0) return 'Due today'
  if (days > 0) return `${days} ${days === 1 ? 'day' : 'days'} to go`
  return `${-days} ${days === -1 ? 'day' : 'days'} past due`
}

export function OverviewPanel({
  client,
  milestones,
  members,
  practice,
  today,
}: {
  client: ClientDetail
  milestones: (Omit<TimelineMilestone, 'kind' | 'plannedOn'> & { kind: string; created_at: string })[]
  members: AssignDoulasProps['members']
  practice: PracticeSettings
  today: CalendarDate
}) {
  const journey = client.current
  const details = <ClientDetailsCard clientId={client.id} details={detailsFromRow(client)} />
  if (!journey) {
    return (
      <div className="flex flex-col gap-6">
        <StartJourneyForm clientId={client.id} />
        {details}
      </div>
    )
  }
  const pregnant = journey.due_date && !ENDED.includes(journey.status) ? journey.due_date : null
  const age = pregnant ? gestationalAge(pregnant, today) : null
  const window = journey.due_date
    ? onCallWindow(journey.due_date, {
        startWeek: journey.on_call_start_week ?? practice.onCall.startWeek,
        endWeek: journey.on_call_end_week ?? practice.onCall.endWeek,
      })
    : null

  return (
    <div className="flex flex-col gap-6">
      {pregnant && age ? (
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-test="client-pregnancy">
          <Stat label="Gestational age" value={formatGestationalAge(age)} test="client-gestational-age" />
          <Stat label="Trimester" value={`${['First', 'Second', 'Third'][trimester(age) - 1]}`} />
          <Stat label={`Due ${formatDay(pregnant)}`} value={dueLabel(daysUntilDue(pregnant, today))} test="client-days-to-due" />
          {window ? (
            <Stat
              label={isWithin(window, today) ? 'On call now' : 'On-call window'}
              value={`${formatDay(window.start)} – ${formatDay(window.end)}`}
              test="client-on-call"
            />
          ) : null}
        </dl>
      ) : null}

      <AssignDoulas journey={journey} members={members} />
      {details}
      <OnCallOverrideForm
        journeyId={journey.id}
        startWeek={journey.on_call_start_week}
        endWeek={journey.on_call_end_week}
        practiceWeeks={practice.onCall}
      />

      {journey.born_at ? (
        <Card data-test="client-birth-record">
          <CardHeader>
            <CardTitle>Birth</CardTitle>
          </CardHeader>
          <CardContent>
            <p>
              Born {formatInstant(journey.born_at, practice.timeZone)}
              {journey.birth_place ? ` · ${BIRTH_PLACE_LABELS[journey.birth_place as keyof typeof BIRTH_PLACE_LABELS] ?? journey.birth_place}` : ''}
              {journey.delivery_mode ? ` · ${DELIVERY_MODE_LABELS[journey.delivery_mode as keyof typeof DELIVERY_MODE_LABELS] ?? journey.delivery_mode}` : ''}
              {journey.baby_count && journey.baby_count > 1 ? ` · ${journey.baby_count} babies` : ''}
            </p>
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Milestones</CardTitle>
          <CardDescription>Her timeline, planned from your template and the due date. Tick each one off as it happens; only what you share shows in her portal.</CardDescription>
        </CardHeader>
        <CardContent>
          <MilestoneTimeline
            journeyId={journey.id}
            milestones={milestones.map((m) => ({ ...m, kind: milestoneKind(m.kind), plannedOn: todayIn(practice.timeZone, new Date(m.created_at)) }))}
            today={today}
          />
        </CardContent>
      </Card>

      {!journey.born_at && !ENDED.includes(journey.status) ? <BirthForm journeyId={journey.id} /> : null}
      {ENDED.includes(journey.status) ? <StartJourneyForm clientId={client.id} /> : null}
    </div>
  )
}

function Stat({ label, value, test }: { label: string; value: string; test?: string }) {
  return (
    <div className="rounded-xl border border-border bg-card p-4 shadow-card">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tracking-tight" data-test={test}>
        {value}
      </dd>
    </div>
  )
}
