import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { listAppointmentsInRange, listBookableClients, listOnCallLane } from '@/lib/appointments/queries'
import { instantRange, monthGrid, parseCalendarParams, calendarHref, visibleDays, weekDays } from '@/lib/calendar/grid'
import { getMyFeed } from '@/lib/calendar/my-feed.service'
import { addDays, diffDays, todayIn } from '@/lib/dates/calendar-date'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { listMembers } from '@/lib/team/queries'
import { AppointmentDialog } from './_components/appointment-dialog'
import { AgendaView } from './_components/agenda-view'
import { buildDays } from './_components/calendar-day'
import { CalendarToolbar } from './_components/calendar-toolbar'
import { ExportPanel } from './_components/export-panel'
import { FeedPanel } from './_components/feed-panel'
import { MonthView } from './_components/month-view'
import { WeekView } from './_components/week-view'

export const metadata: Metadata = { title: 'Calendar' }

const MONTH_TITLE = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' })
const SHORT_DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })
const MONTH_DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
const asDate = (date: string) => new Date(`${date}T00:00:00Z`)

/** "Nov 23 – Nov 29, 2026", with both years only when the period spans two. */
const periodTitle = (first: string, last: string) =>
  first.slice(0, 4) === last.slice(0, 4)
    ? `${MONTH_DAY.format(asDate(first))} – ${SHORT_DAY.format(asDate(last))}`
    : `${SHORT_DAY.format(asDate(first))} – ${SHORT_DAY.format(asDate(last))}`

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { active, user, db } = await requireDashboardContext()
  if (!active) return null
  const practice = active.settings
  const today = todayIn(practice.timeZone, new Date())
  const params = parseCalendarParams(await searchParams, today)
  const days = visibleDays(params.view, params.date)
  const { from, to } = instantRange(days, practice.timeZone)

  const [members, clients, appointments, onCall, feed] = await Promise.all([
    listMembers(db, practice.id),
    listBookableClients(db, practice.id),
    listAppointmentsInRange(db, practice.id, { from, to, doulaId: params.doulaId, showCancelled: params.showCancelled }),
    listOnCallLane(db, practice, days, params.doulaId),
    getMyFeed(db, practice.id, user.id),
  ])
  const memberOptions = members.map((m) => ({ value: m.userId, label: m.name }))
  const doulaNames = new Map(members.map((m) => [m.userId, m.name]))
  const dates = params.view === 'month' ? monthGrid(params.date).flat() : params.view === 'week' ? weekDays(params.date) : []
  const calendarDays = buildDays(dates, appointments, onCall, doulaNames, practice.timeZone)
  const title =
    params.view === 'month'
      ? MONTH_TITLE.format(asDate(params.date))
      : periodTitle(days.start, addDays(days.end, -1))
  const isMember = (id: string) => members.some((m) => m.userId === id)
  const bookDate = diffDays(today, params.date) >= 0 || params.view !== 'week' ? params.date : today

  return (
    <>
      <PageHeader
        title="Calendar"
        description={`All times in ${practice.timeZone.replaceAll('_', ' ')} time.`}
        actions={
          <AppointmentDialog
            timeZone={practice.timeZone}
            members={memberOptions}
            clients={clients.map((c) => ({ value: c.id, label: c.name }))}
            values={{
              clientId: '',
              kind: 'prenatal',
              date: bookDate,
              startTime: '10:00',
              endDate: bookDate,
              endTime: '11:00',
              doulaId: isMember(user.id) ? user.id : '',
              location: '',
              videoUrl: '',
              sharedWithClient: true,
              bookAnyway: false,
            }}
          />
        }
      />
      <CalendarToolbar params={params} today={today} title={title} members={memberOptions} />
      {params.view === 'week' ? <WeekView days={calendarDays} today={today} timeZone={practice.timeZone} /> : null}
      {params.view === 'month' ? (
        <MonthView days={calendarDays} month={params.date} today={today} timeZone={practice.timeZone} weekHref={(date) => calendarHref(params, { view: 'week', date })} />
      ) : null}
      {params.view === 'agenda' ? <AgendaView items={appointments} timeZone={practice.timeZone} members={memberOptions} /> : null}
      <div className="mt-10 flex max-w-2xl flex-col gap-6">
        <FeedPanel feed={feed} />
        <ExportPanel practiceId={practice.id} from={days.start} to={addDays(days.end, -1)} />
      </div>
    </>
  )
}
