import 'server-only'
import { dbFailure, type Db } from '@/lib/practice/db'

export interface AgendaItem {
  id: string
  clientId: string
  clientName: string
  kind: string
  status: string
  startsAt: string
  endsAt: string
  location: string | null
}

const AGENDA_COLUMNS = 'id, client_id, kind, status, starts_at, ends_at, location, journeys(clients(first_name, last_name))'

/** How far ahead the agenda looks. */
export const AGENDA_DAYS = 56
const AGENDA_LIMIT = 100

const clientName = (c: { first_name: string; last_name: string } | null) =>
  c ? [c.first_name, c.last_name].filter(Boolean).join(' ') : 'Client'

/** The practice's appointments from `now` for the next eight weeks, earliest first. */
export async function listAgenda(db: Db, practiceId: string, now: Date): Promise<AgendaItem[]> {
  const until = new Date(now.getTime() + AGENDA_DAYS * 86_400_000)
  const { data, error } = await db
    .from('appointments')
    .select(AGENDA_COLUMNS)
    .eq('practice_id', practiceId)
    .gte('ends_at', now.toISOString())
    .lt('starts_at', until.toISOString())
    .order('starts_at')
    .limit(AGENDA_LIMIT)
  if (error) throw dbFailure('load the calendar', error)
  return data.map(toAgendaItem)
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
  }
}
