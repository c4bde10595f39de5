import { Baby, CalendarDays, CheckCircle2, Circle, ClipboardList, ListChecks, MessageCircle } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { APPOINTMENT_KIND_LABELS } from '@/lib/appointments/appointment.schema'
import { todayIn } from '@/lib/dates/calendar-date'
import { countUnreadForClient } from '@/lib/messages/queries'
import { listClientRequests } from '@/lib/paperwork/queries'
import { isOpenForClient } from '@/lib/paperwork/status'
import { requirePortalContext } from '@/lib/server/portal-context'
import { currentDueDate, listAppointments, listSharedMilestones } from '@/lib/portal/queries'
import { daysUntilDue, formatGestationalAge, gestationalAge, TERM_DAYS } from '@/lib/pregnancy/gestation'
import { RequestList } from './forms/_components/request-list'
import { formatAppointmentTime, formatCalendarDate } from './_components/format'

export const metadata: Metadata = { title: 'Home' }

function Progress({ dueDate, timeZone }: { dueDate: string; timeZone: string }) {
  const today = todayIn(timeZone, new Date())
  const age = gestationalAge(dueDate, today)
  const toGo = daysUntilDue(dueDate, today)
  const percent = Math.min(100, Math.max(0, Math.round((age.totalDays / TERM_DAYS) * 100)))
  return (
    <Card data-test="portal-progress">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Baby aria-hidden className="size-5 text-primary" />
          Your pregnancy
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <p className="text-2xl font-semibold">{formatGestationalAge(age)}</p>
        <div className="h-2 overflow-hidden rounded-full bg-muted" role="progressbar" aria-label="Weeks of pregnancy" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
          <div className="h-full rounded-full bg-primary" style={{ width: `${percent}%` }} />
        </div>
        <p className="text-sm text-muted-foreground">
          Due {formatCalendarDate(dueDate)} ·{' '}
          {toGo > 0 ? `${toGo} ${toGo === 1 ? 'day' : 'days'} to go` : toGo === 0 ? 'due today' : `${-toGo} days past the due date`}
        </p>
      </CardContent>
    </Card>
  )
}

export default async function PortalHomePage() {
  const { db, active } = await requirePortalContext()
  const thread = { practiceId: active.practiceId, clientId: active.clientId }
  const [dueDate, appointments, milestones, unread, requests] = await Promise.all([
    currentDueDate(db, active),
    listAppointments(db, active),
    listSharedMilestones(db, active),
    countUnreadForClient(db, thread),
    listClientRequests(db, active),
  ])
  const todo = requests.filter(isOpenForClient)
  const next = appointments.upcoming.find((a) => a.status !== 'cancelled')
  const name = active.preferredName?.trim() || active.firstName
  return (
    <>
      <PageHeader title={`Hello, ${name}`} description={`Your private space with ${active.practiceName}.`} />
      <div className="grid gap-4 sm:grid-cols-2">
        {requests.length > 0 ? (
          <Card data-test="portal-todo" className={todo.length > 0 ? 'border-primary/40 sm:col-span-2' : undefined}>
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <ClipboardList aria-hidden className="size-5 text-primary" /> To do
              </CardTitle>
            </CardHeader>
            <CardContent className="pt-2">
              {todo.length > 0 ? <RequestList requests={todo} test="portal-todo-list" /> : <p className="text-sm">Nothing waiting for you: every form is done.</p>}
              <Link href="/portal/forms" className="mt-3 inline-block text-sm font-medium text-primary underline-offset-4 hover:underline">
                All your forms
              </Link>
            </CardContent>
          </Card>
        ) : null}
        <Card data-test="portal-next-appointment">
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <CalendarDays aria-hidden className="size-5 text-primary" /> Next appointment
            </CardTitle>
          </CardHeader>
          <CardContent>
            {next ? (
              <>
                <p className="font-medium">{APPOINTMENT_KIND_LABELS[next.kind]}</p>
                <p className="text-sm text-muted-foreground">{formatAppointmentTime(next.starts_at, next.ends_at, active.timeZone)}</p>
                <Link href="/portal/appointments" className="mt-3 inline-block text-sm font-medium text-primary underline-offset-4 hover:underline">
                  All appointments
                </Link>
              </>
            ) : (
              <p className="text-sm text-muted-foreground">Nothing scheduled yet.</p>
            )}
          </CardContent>
        </Card>
        {dueDate ? <Progress dueDate={dueDate} timeZone={active.timeZone} /> : null}
        <Card data-test="portal-unread">
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <MessageCircle aria-hidden className="size-5 text-primary" /> Messages
            </CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-sm">{unread === 0 ? 'You are all caught up.' : `${unread} new ${unread === 1 ? 'message' : 'messages'} from your doula.`}</p>
            <Link href="/portal/messages" className="mt-3 inline-block text-sm font-medium text-primary underline-offset-4 hover:underline">
              Open messages
            </Link>
          </CardContent>
        </Card>
        {milestones.length > 0 ? (
          <Card data-test="portal-milestones">
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <ListChecks aria-hidden className="size-5 text-primary" />
                Milestones
              </CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="flex flex-col gap-2">
                {milestones.map((m) => (
                  <li key={m.id} className="flex items-start gap-2 text-sm">
                    {m.done_at ? <CheckCircle2 aria-label="Done" className="mt-0.5 size-4 shrink-0 text-success" /> : <Circle aria-label="To do" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />}
                    <span>
                      {m.title}
                      {m.due_on ? <span className="block text-xs text-muted-foreground">{formatCalendarDate(m.due_on)}</span> : null}
                    </span>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  )
}
