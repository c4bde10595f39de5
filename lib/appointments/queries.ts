import 'server-only'
import { earliestStartUnderWay } from '@/lib/appointments/appointment.schema'
import { addDays, diffDays, type CalendarDate } from '@/lib/dates/calendar-date'
import { BOOKED_STATUSES } from '@/lib/journeys/journey.schema'
import { dbFailure, type Db } from '@/lib/server/db'
import type { PracticeSettings } from '@/lib/practice/settings'
import { onCallWindow, windowsOverlap, type OnCallWindow } from '@/lib/pregnancy/on-call'

export interface AgendaItem {
  id: string
  clientId: string
  clientName: string
  kind: string
  status: string
  startsAt: string
  endsAt: string
  location: string | null
  doulaId: string | null
  videoUrl: string | null
  sharedWithClient: boolean
}

const AGENDA_COLUMNS =
  'id, client_id, kind, status, starts_at, ends_at, location, doula_id, video_url, shared_with_client, journeys(clients(first_name, last_name))'

const AGENDA_LIMIT = 100
/** A month grid holds at most six weeks; this bounds what one calendar page loads. */
const RANGE_LIMIT = 500

const clientName = (c: { first_name: string; last_name: string } | null) =>
  c ? [c.first_name, c.last_name].filter(Boolean).join(' ') : 'Client'

export interface RangeFilter {
  from: Date
  to: Date
  doulaId: string | null
  showCancelled: boolean
}

/**
 * The practice's appointments under way at some moment in [from, to), earliest first, optionally one
 * doula's: a birth that began the night before `from` is still in it.
 */
export async function listAppointmentsInRange(db: Db, practiceId: string, filter: RangeFilter): Promise<AgendaItem[]> {
  let query = db
    .from('appointments')
    .select(AGENDA_COLUMNS)
    .eq('practice_id', practiceId)
    .gt('ends_at', filter.from.toISOString())
    .gte('starts_at', earliestStartUnderWay(filter.from).toISOString())
    .lt('starts_at', filter.to.toISOString())
  if (filter.doulaId) query = query.eq('doula_id', filter.doulaId)
  if (!filter.showCancelled) query = query.neq('status', 'cancelled')
  const { data, error } = await query.order('starts_at').limit(RANGE_LIMIT)
  if (error) throw dbFailure('load the calendar', error)
  return data.map(toAgendaItem)
}

export interface OnCallLaneEntry {
  journeyId: string
  clientId: string
  clientName: string
  primaryDoulaId: string | null
  dueDate: CalendarDate
  window: OnCallWindow
}

/** Booked journeys whose on-call windows touch [start, end) (calendar dates), optionally one doula's. */
export async function listOnCallLane(
  db: Db,
  practice: PracticeSettings,
  days: { start: CalendarDate; end: CalendarDate },
  doulaId: string | null,
): Promise<OnCallLaneEntry[]> {
  // Windows lie within a few weeks of the due date; the widest allowed window is bounded by 45 weeks.
  let query = db
    .from('journeys')
    .select('id, client_id, due_date, primary_doula_id, on_call_start_week, on_call_end_week, clients!inner(first_name, last_name, archived_at)')
    .eq('practice_id', practice.id)
    .in('status', [...BOOKED_STATUSES])
    .is('clients.archived_at', null)
    .gte('due_date', addDays(days.start, -45 * 7))
    .lte('due_date', addDays(days.end, 45 * 7))
  if (doulaId) query = query.eq('primary_doula_id', doulaId)
  const { data, error } = await query.order('due_date').limit(RANGE_LIMIT)
  if (error) throw dbFailure('load who is on call', error)
  const visible: OnCallWindow = { start: days.start, end: addDays(days.end, -1) }
  return data.flatMap((j) => {
    if (!j.due_date) return []
    const window = onCallWindow(j.due_date, {
      startWeek: j.on_call_start_week ?? practice.onCall.startWeek,
      endWeek: j.on_call_end_week ?? practice.onCall.endWeek,
    })
    if (!windowsOverlap(window, visible)) return []
    return [{ journeyId: j.id, clientId: j.client_id, clientName: clientName(j.clients), primaryDoulaId: j.primary_doula_id, dueDate: j.due_date, window }]
  })
}

/** Is `date` inside the entry's on-call window? */
export const coversDay = (entry: OnCallLaneEntry, date: CalendarDate) => diffDays(entry.window.start, date) >= 0 && diffDays(date, entry.window.end) >= 0

export interface ClientChoice {
  id: string
  name: string
}

/** Clients who can be booked (not archived and with a journey), by name, for the calendar's picker. */
export async function listBookableClients(db: Db, practiceId: string): Promise<ClientChoice[]> {
  const { data, error } = await db
    .from('clients')
    .select('id, first_name, last_name, journeys!inner(id)')
    .eq('practice_id', practiceId)
    .is('archived_at', null)
    .order('first_name')
    .order('last_name')
    .limit(RANGE_LIMIT)
  if (error) throw dbFailure('load your clients', error)
  return data.map((c) => ({ id: c.id, name: clientName(c) }))
}

/** One client's appointments, newest first (past and upcoming). */
export async function listClientAppointments(db: Db, practiceId: string, clientId: string): Promise<AgendaItem[]> {
  const { data, error } = await db
    .from('appointments')
    .select(AGENDA_COLUMNS)
    .eq('practice_id', practiceId)
    .eq('client_id', clientId)
    .order('starts_at', { ascending: false })
    .limit(AGENDA_LIMIT)
  if (error) throw dbFailure('load her appointments', error)
  return data.map(toAgendaItem)
}

type AgendaRow = {
  id: string
  client_id: string
  kind: string
  status: string
  starts_at: string
  ends_at: string
  location: string | null
  doula_id: string | null
  video_url: string | null
  shared_with_client: boolean
  journeys: { clients: { first_name: string; last_name: string } | null } | null
}

function toAgendaItem(a: AgendaRow): AgendaItem {
  return {
    id: a.id,
    clientId: a.client_id,
    clientName: clientName(a.journeys?.clients ?? null),
    kind: a.kind,
    status: a.status,
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    location: a.location,
    doulaId: a.doula_id,
    videoUrl: a.video_url,
    sharedWithClient: a.shared_with_client,
  }
}

export interface AppointmentNote {
  id: string
  appointmentId: string
  authorId: string | null
  body: string
  updatedAt: string
}

/** Private notes on one client's appointments, oldest first. Clients have no policy on notes at all. */
export async function listAppointmentNotes(db: Db, practiceId: string, clientId: string): Promise<AppointmentNote[]> {
  const { data, error } = await db
    .from('notes')
    .select('id, appointment_id, author_id, body, updated_at')
    .eq('practice_id', practiceId)
    .eq('client_id', clientId)
    .not('appointment_id', 'is', null)
    .order('created_at')
    .limit(RANGE_LIMIT)
  if (error) throw dbFailure('load the appointment notes', error)
  return data.flatMap((n) => (n.appointment_id ? [{ id: n.id, appointmentId: n.appointment_id, authorId: n.author_id, body: n.body, updatedAt: n.updated_at }] : []))
}
