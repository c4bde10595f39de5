import 'server-only'
import { addDays, todayIn } from '@/lib/dates/calendar-date'
import { BOOKED_STATUSES } from '@/lib/journeys/journey.schema'
import { dbFailure, type Db } from '@/lib/server/db'
import { onCallWindow } from '@/lib/pregnancy/on-call'
import { buildCalendar, type AllDayEntry, type CalendarEntry } from './ics'
import { FEED_TOKEN, hashFeedToken } from './feed-token'
import { type AppointmentKind, type AppointmentStatus } from '@/lib/appointments/appointment.schema'

/** How far back a feed reaches; calendar apps keep what they already synced. */
const PAST_DAYS = 90
const MAX_EVENTS = 2000

const personName = (c: { first_name: string; last_name: string } | null | undefined) =>
  c ? [c.first_name, c.last_name].filter(Boolean).join(' ') : null

interface Feed {
  practiceId: string
  memberId: string
  private: boolean
}

async function findLiveFeed(db: Db, token: string): Promise<Feed | null> {
  if (!FEED_TOKEN.test(token)) return null
  const { data, error } = await db
    .from('calendar_feeds')
    .select('practice_id, member_id, private')
    .eq('token_hash', hashFeedToken(token))
    .is('revoked_at', null)
    .maybeSingle()
  if (error) throw dbFailure('load the calendar feed', error)
  return data ? { practiceId: data.practice_id, memberId: data.member_id, private: data.private } : null
}

/**
 * The ICS text of the feed whose URL token is `token`, or null when no live feed has it (unknown or
 * revoked). `db` is the service role (calendar apps carry no session), so every query is scoped by the
 * feed's practice and member.
 */
export async function renderFeed(db: Db, token: string, now: Date): Promise<string | null> {
  const feed = await findLiveFeed(db, token)
  if (!feed) return null
  const [practice, member, appointments, journeys] = await Promise.all([
    db.from('practices').select('name, time_zone, on_call_start_week, on_call_end_week').eq('id', feed.practiceId).single(),
    db.from('profiles').select('full_name').eq('id', feed.memberId).maybeSingle(),
    db
      .from('appointments')
      .select('id, kind, status, starts_at, ends_at, location, video_url, updated_at, journeys(clients(first_name, last_name))')
      .eq('practice_id', feed.practiceId)
      .eq('doula_id', feed.memberId)
      .neq('status', 'cancelled')
      .gte('ends_at', new Date(now.getTime() - PAST_DAYS * 86_400_000).toISOString())
      .order('starts_at')
      .limit(MAX_EVENTS),
    db
      .from('journeys')
      .select('id, due_date, on_call_start_week, on_call_end_week, clients!inner(first_name, last_name, archived_at)')
      .eq('practice_id', feed.practiceId)
      .eq('primary_doula_id', feed.memberId)
      .in('status', [...BOOKED_STATUSES])
      .is('clients.archived_at', null)
      .not('due_date', 'is', null)
      .limit(MAX_EVENTS),
  ])
  if (practice.error) throw dbFailure('load the practice', practice.error)
  if (member.error) throw dbFailure('load the member', member.error)
  if (appointments.error) throw dbFailure('load the appointments', appointments.error)
  if (journeys.error) throw dbFailure('load the on-call windows', journeys.error)

  const hide = feed.private
  const entries: CalendarEntry[] = appointments.data.map((a) => ({
    id: a.id,
    kind: a.kind as AppointmentKind,
    status: a.status as AppointmentStatus,
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    counterpart: personName(a.journeys?.clients),
    location: a.location,
    videoUrl: a.video_url,
    updatedAt: a.updated_at,
  }))
  const since = addDays(todayIn(practice.data.time_zone, now), -PAST_DAYS)
  const onCall: AllDayEntry[] = journeys.data.flatMap((j) => {
    if (!j.due_date) return []
    const window = onCallWindow(j.due_date, {
      startWeek: j.on_call_start_week ?? practice.data.on_call_start_week,
      endWeek: j.on_call_end_week ?? practice.data.on_call_end_week,
    })
    if (window.end < since) return []
    const who = hide ? '' : ` · ${personName(j.clients) ?? 'Client'}`
    return [{ uid: `on-call-${j.id}`, title: `On call${who}`, start: window.start, end: window.end }]
  })
  const owner = member.data?.full_name || 'My'
  return buildCalendar(entries, { name: `${owner} · ${practice.data.name} (DoulaOS)`, hideClientDetails: hide }, onCall)
}
