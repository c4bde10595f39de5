import { Baby, CalendarDays, MessagesSquare, Users } from 'lucide-react'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { JOURNEY_STATUS_LABELS, PIPELINE_STATUSES } from '@/lib/journeys/journey.schema'
import { getTodaySummary, type TodaySummary } from '@/lib/journeys/today'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { appointmentKindLabel } from '@/lib/appointments/appointment.schema'
import { formatTimeRange } from '@/lib/appointments/time-range'
import { listTasks } from '@/lib/tasks/queries'
import { listMembers } from '@/lib/team/queries'
import { formatDay, INSTANT } from './_components/format'
import { DueChart } from './_components/due-chart'
import { TaskList } from './_components/task-list'

const roleLabel = { owner: 'Owner', admin: 'Admin', doula: 'Doula' } as const

export default async function TodayPage() {
  const { active, db } = await requireDashboardContext()
  if (!active) return null
  const practice = active.settings
  const [summary, tasks, members] = await Promise.all([
    getTodaySummary(db, practice, new Date()),
    listTasks(db, active.practiceId),
    listMembers(db, active.practiceId),
  ])
  const todays = summary.appointments.filter((a) => a.isToday)
  const later = summary.appointments.filter((a) => !a.isToday)
  const hasClients = Object.values(summary.pipeline).some((n) => n > 0)

  return (
    <>
      <PageHeader
        title="Today"
        description={`Here is what needs you at ${active.practiceName}.`}
        actions={<Badge tone="calm">{roleLabel[active.role]}</Badge>}
      />
      {!hasClients ? (
        <EmptyState
          className="mb-6"
          icon={Users}
          title="Start with your first client"
          description="Your practice is ready. Add the families you support to track their pregnancies, appointments and notes."
          action={
            <Link href="/dashboard/clients/new" className="font-medium text-primary underline-offset-4 hover:underline">
              Add a client
            </Link>
          }
          data-test="today-empty"
        />
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Appointments</CardTitle>
            <CardDescription>Today, then the rest of the week.</CardDescription>
          </CardHeader>
          <CardContent>
            {summary.appointments.length === 0 ? (
              <EmptyState icon={CalendarDays} title="Nothing scheduled this week" description="Visits you book for your clients appear here." className="py-8" />
            ) : (
              <div className="flex flex-col gap-4" data-test="today-appointments">
                <AppointmentGroup title="Today" items={todays} timeZone={practice.timeZone} />
                <AppointmentGroup title="Later this week" items={later} timeZone={practice.timeZone} />
              </div>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>On call</CardTitle>
            <CardDescription>Now and in the next 14 days.</CardDescription>
          </CardHeader>
          <CardContent>
            {summary.onCall.length === 0 ? (
              <EmptyState icon={Baby} title="No one is due soon" description="Booked clients appear here when their on-call window is within two weeks." className="py-8" />
            ) : (
              <ul className="flex flex-col gap-3" data-test="today-on-call">
                {summary.onCall.map((e) => (
                  <li key={e.clientId} className="flex flex-wrap items-center justify-between gap-2">
                    <Link href={`/dashboard/clients/${e.clientId}`} className="font-medium hover:underline">
                      {e.clientName}
                    </Link>
                    <span className="flex items-center gap-2 text-sm text-muted-foreground">
                      Due {formatDay(e.dueDate)}
                      {e.onCallNow ? <Badge tone="accent">On call now</Badge> : <Badge>From {formatDay(e.window.start)}</Badge>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Due this month</CardTitle>
          </CardHeader>
          <CardContent>
            {summary.dueThisMonth.length === 0 ? (
              <p className="text-sm text-muted-foreground">No booked due dates this month.</p>
            ) : (
              <ul className="flex flex-col gap-2">
                {summary.dueThisMonth.map((d) => (
                  <li key={d.clientId}>
                    <Link href={`/dashboard/clients/${d.clientId}`} className="font-medium hover:underline">
                      {d.clientName}
                    </Link>{' '}
                    <span className="text-sm text-muted-foreground">· {formatDay(d.dueDate)}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Messages</CardTitle>
          </CardHeader>
          <CardContent>
            <Link href="/dashboard/messages" className="flex items-center gap-3 hover:underline" data-test="today-unread">
              <MessagesSquare aria-hidden className="size-5 text-primary" />
              <span>
                <strong className="text-2xl font-semibold">{summary.unreadMessages}</strong> unread {summary.unreadMessages === 1 ? 'message' : 'messages'}
              </span>
            </Link>
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>To-dos</CardTitle>
            <CardDescription>The practice&apos;s list. Clients never see it.</CardDescription>
          </CardHeader>
          <CardContent>
            <TaskList tasks={tasks} members={members} />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Due dates by month</CardTitle>
            <CardDescription>Booked clients over the next 12 months: your on-call load.</CardDescription>
          </CardHeader>
          <CardContent>
            <DueChart months={summary.dueByMonth} capacity={practice.capacity.maxDueDates} />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Pipeline</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-test="today-pipeline">
              {PIPELINE_STATUSES.map((s) => (
                <li key={s}>
                  <Link href={`/dashboard/clients?status=${s}`} className="flex flex-col rounded-lg border border-border p-3 hover:bg-muted/60">
                    <span className="text-sm text-muted-foreground">{JOURNEY_STATUS_LABELS[s]}</span>
                    <span className="text-2xl font-semibold">{summary.pipeline[s]}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      </div>
    </>
  )
}

function AppointmentGroup({ title, items, timeZone }: { title: string; items: TodaySummary['appointments']; timeZone: string }) {
  if (items.length === 0) return null
  return (
    <section>
      <h3 className="mb-2 text-sm font-semibold text-muted-foreground">{title}</h3>
      <ul className="flex flex-col gap-2">
        {items.map((a) => (
          <li key={a.id}>
            <Link href={`/dashboard/clients/${a.clientId}`} className="font-medium hover:underline">
              {a.clientName}
            </Link>{' '}
            <span className="text-sm text-muted-foreground">
              · {appointmentKindLabel(a.kind)} · {formatTimeRange(a.startsAt, a.endsAt, timeZone, INSTANT)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
