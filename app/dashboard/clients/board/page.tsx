import { List } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { Button } from '@/components/ui/button'
import { listClients, type ClientPage } from '@/lib/clients/queries'
import { todayIn } from '@/lib/dates/calendar-date'
import { JOURNEY_STATUS_LABELS, type JourneyStatus, PIPELINE_STATUSES } from '@/lib/journeys/journey.schema'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { formatGestationalAge, gestationalAge } from '@/lib/pregnancy/gestation'
import { listMembers } from '@/lib/team/queries'
import { formatDay } from '../../_components/format'
import { MoveJourney } from './_components/move-journey'

export const metadata: Metadata = { title: 'Pipeline' }

/** Cards per column; the rest are a click away in the list filtered to that stage. */
const COLUMN_SIZE = 30

export default async function PipelineBoardPage() {
  const { active, db } = await requireDashboardContext()
  if (!active) return null
  const [members, ...columns] = await Promise.all([
    listMembers(db, active.practiceId),
    ...PIPELINE_STATUSES.map((status) =>
      listClients(db, active.practiceId, { q: '', status, sort: 'due_date', archived: false }, COLUMN_SIZE),
    ),
  ])
  const names = new Map(members.map((m) => [m.userId, m.name]))
  const today = todayIn(active.settings.timeZone, new Date())

  return (
    <>
      <PageHeader
        title="Pipeline"
        description="Every current journey by stage, soonest due date first. Change a stage to move the card."
        actions={
          <Button asChild variant="outline">
            <Link href="/dashboard/clients" data-test="board-to-list">
              <List aria-hidden /> List
            </Link>
          </Button>
        }
      />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-5" data-test="pipeline-board">
        {PIPELINE_STATUSES.map((status, i) => (
          <Column key={status} status={status} page={columns[i]!} names={names} today={today} />
        ))}
      </div>
    </>
  )
}

function Column({
  status,
  page,
  names,
  today,
}: {
  status: JourneyStatus
  page: ClientPage
  names: Map<string, string>
  today: ReturnType<typeof todayIn>
}) {
  const headingId = `board-${status}`
  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-3 rounded-xl bg-muted/60 p-3" data-test={`board-column-${status}`}>
      <h2 id={headingId} className="flex items-baseline justify-between px-1 text-sm font-semibold">
        {JOURNEY_STATUS_LABELS[status]}
        <span className="font-normal text-muted-foreground">{page.next ? `${page.rows.length}+` : page.rows.length}</span>
      </h2>
      {page.rows.length === 0 ? <p className="px-1 pb-2 text-sm text-muted-foreground">No one at this stage.</p> : null}
      <ul className="flex flex-col gap-2">
        {page.rows.map((c) => {
          const name = `${c.firstName} ${c.lastName}`.trim()
          const doula = c.primaryDoulaId ? names.get(c.primaryDoulaId) : undefined
          return (
            <li key={c.id} className="flex flex-col gap-2 rounded-lg border border-border bg-card p-3 shadow-xs" data-test="board-card">
              <Link href={`/dashboard/clients/${c.id}`} className="font-medium underline-offset-4 hover:underline">
                {name}
              </Link>
              <p className="text-sm text-muted-foreground">
                {c.dueDate
                  ? `Due ${formatDay(c.dueDate)}${status === 'postpartum' ? '' : ` · ${formatGestationalAge(gestationalAge(c.dueDate, today))}`}`
                  : 'No due date'}
                <br />
                {doula ? `Doula: ${doula}` : 'No doula assigned'}
              </p>
              {c.journeyId ? <MoveJourney journeyId={c.journeyId} status={status} clientName={name} /> : null}
            </li>
          )
        })}
      </ul>
      {page.next ? (
        <Link href={`/dashboard/clients?status=${status}&sort=due_date`} className="px-1 text-sm font-medium text-primary underline-offset-4 hover:underline">
          See everyone at this stage
        </Link>
      ) : null}
    </section>
  )
}
