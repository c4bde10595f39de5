import 'server-only'
import { earliestStartUnderWay } from '@/lib/appointments/appointment.schema'
import { instantRange, startOfDayInstant } from '@/lib/calendar/grid'
import { addDays, todayIn, type CalendarDate } from '@/lib/dates/calendar-date'
import { BOOKED_STATUSES, JOURNEY_STATUSES, type JourneyStatus, JourneyStatusSchema } from '@/lib/journeys/journey.schema'
import { dbFailure, type Db } from '@/lib/server/db'
import type { PracticeSettings } from '@/lib/practice/settings'
import { onCallWindow, windowsOverlap, isWithin, type OnCallWindow } from '@/lib/pregnancy/on-call'

export interface OnCallEntry {
  clientId: string
  clientName: string
  dueDate: CalendarDate
  window: OnCallWindow
  onCallNow: boolean
}

export interface TodaySummary {
  today: CalendarDate
  /** Scheduled this week, from today on, with a birth that began last night and is still going; `isToday` marks today's. */
  appointments: { id: string; clientId: string; clientName: string; kind: string; startsAt: string; endsAt: string; isToday: boolean }[]
  /** Booked clients on call today or at any time in the next 14 days, earliest due first. */
  onCall: OnCallEntry[]
  dueThisMonth: { clientId: string; clientName: string; dueDate: CalendarDate }[]
  unreadMessages: number
  /** Booked due dates per month for the next 12 months, starting with the current one ("2026-11"). */
  dueByMonth: { month: string; count: number }[]
  pipeline: Record<JourneyStatus, number>
}

const name = (c: { first_name: string; last_name: string } | null) => (c ? [c.first_name, c.last_name].filter(Boolean).join(' ') : 'Client')

function monthsFrom(today: CalendarDate, count: number): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number]
  return Array.from({ length: count }, (_, i) => {
    const total = y * 12 + (m - 1) + i
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`
  })
}

/** Everything the Today page shows, in the practice's time zone, from one parallel round of queries. */
export async function getTodaySummary(db: Db, practice: PracticeSettings, now: Date): Promise<TodaySummary> {
  const today = todayIn(practice.timeZone, now)
  const months = monthsFrom(today, 12)
  const horizonEnd = addDays(`${months[11]}-01`, 31)
  const week = instantRange({ start: today, end: addDays(today, 7) }, practice.timeZone)
  const [appointments, journeys, unread, statusCounts] = await Promise.all([
    db
      .from('appointments')
      .select('id, client_id, kind, starts_at, ends_at, journeys(clients(first_name, last_name))')
      .eq('practice_id', practice.id)
      .eq('status', 'scheduled')
      .gt('ends_at', week.from.toISOString())
      .gte('starts_at', earliestStartUnderWay(week.from).toISOString())
      .lt('starts_at', week.to.toISOString())
      .order('starts_at')
      .limit(50),
    db
      .from('journeys')
      .select('id, client_id, due_date, on_call_start_week, on_call_end_week, clients!inner(first_name, last_name, archived_at)')
      .eq('practice_id', practice.id)
      .in('status', [...BOOKED_STATUSES])
      .is('clients.archived_at', null)
      .gte('due_date', addDays(today, -60))
      .lt('due_date', horizonEnd)
      .order('due_date'),
    db.from('messages').select('id', { count: 'exact', head: true }).eq('practice_id', practice.id).eq('sender_side', 'client').is('read_by_practice_at', null),
    db.rpc('journey_status_counts', { p_practice_id: practice.id }),
  ])
  if (appointments.error) throw dbFailure('load your appointments', appointments.error)
  if (journeys.error) throw dbFailure('load your due dates', journeys.error)
  if (unread.error) throw dbFailure('count your messages', unread.error)
  if (statusCounts.error) throw dbFailure('count your clients', statusCounts.error)
  const pipeline = Object.fromEntries(JOURNEY_STATUSES.map((status) => [status, 0])) as Record<JourneyStatus, number>
  for (const row of statusCounts.data) {
    const status = JourneyStatusSchema.safeParse(row.status)
    if (status.success) pipeline[status.data] = row.journeys
  }

  // As instants: PostgREST writes "+00:00" where toISOString writes ".000Z", so the strings do not sort together.
  const tomorrowStart = startOfDayInstant(addDays(today, 1), practice.timeZone).getTime()
  const lookahead: OnCallWindow = { start: today, end: addDays(today, 14) }
  const booked = journeys.data.flatMap((j) => (j.due_date ? [{ ...j, due_date: j.due_date }] : []))
  const onCall = booked.flatMap((j): OnCallEntry[] => {
    const window = onCallWindow(j.due_date, {
      startWeek: j.on_call_start_week ?? practice.onCall.startWeek,
      endWeek: j.on_call_end_week ?? practice.onCall.endWeek,
    })
    if (!windowsOverlap(window, lookahead)) return []
    return [{ clientId: j.client_id, clientName: name(j.clients), dueDate: j.due_date, window, onCallNow: isWithin(window, today) }]
  })
  const month = today.slice(0, 7)

  return {
    today,
    appointments: appointments.data.map((a) => ({
      id: a.id,
      clientId: a.client_id,
      clientName: name(a.journeys?.clients ?? null),
      kind: a.kind,
      startsAt: a.starts_at,
      endsAt: a.ends_at,
      isToday: Date.parse(a.starts_at) < tomorrowStart,
    })),
    onCall,
    dueThisMonth: booked.filter((j) => j.due_date.startsWith(month)).map((j) => ({ clientId: j.client_id, clientName: name(j.clients), dueDate: j.due_date })),
    unreadMessages: unread.count ?? 0,
    dueByMonth: months.map((m) => ({ month: m, count: booked.filter((j) => j.due_date.startsWith(m)).length })),
    pipeline,
  }
}
