import 'server-only'
import { addDays, type CalendarDate } from '@/lib/dates/calendar-date'
import { BOOKED_STATUSES } from '@/lib/journeys/journey.schema'
import { dbFailure, type Db } from '@/lib/server/db'
import type { PracticeSettings } from '@/lib/practice/settings'
import { checkCapacity, onCallWindow, windowsOverlap, type OnCallWindow } from '@/lib/pregnancy/on-call'

export interface OverlappingJourney {
  journeyId: string
  clientId: string
  clientName: string
  dueDate: CalendarDate
  window: OnCallWindow
}

export interface CapacityReport {
  window: OnCallWindow
  /** Booked journeys whose on-call windows overlap the new one, earliest due date first. */
  overlapping: OverlappingJourney[]
  /** True when one more due date here breaks the practice's capacity rule. */
  exceeded: boolean
  rule: PracticeSettings['capacity']
}

/** On-call windows lie between week 20 and week 44, so no two can overlap across a wider span. */
const MAX_WINDOW_SPAN_DAYS = 24 * 7

/**
 * What booking `dueDate` would mean for the practice. `excludeJourneyId` leaves out the journey being
 * edited, so moving a due date is not counted against itself.
 */
export async function checkJourneyCapacity(
  db: Db,
  practice: PracticeSettings,
  dueDate: CalendarDate,
  excludeJourneyId?: string,
): Promise<CapacityReport> {
  const reach = Math.max(practice.capacity.windowDays, MAX_WINDOW_SPAN_DAYS)
  let query = db
    .from('journeys')
    .select('id, client_id, due_date, on_call_start_week, on_call_end_week, clients(first_name, last_name, archived_at)')
    .eq('practice_id', practice.id)
    .in('status', [...BOOKED_STATUSES])
    .gte('due_date', addDays(dueDate, -reach))
    .lte('due_date', addDays(dueDate, reach))
    .order('due_date')
  if (excludeJourneyId) query = query.neq('id', excludeJourneyId)
  const { data, error } = await query
  if (error) throw dbFailure('check your capacity', error)

  const window = onCallWindow(dueDate, practice.onCall)
  const booked = data.flatMap((j) => (j.due_date && !j.clients?.archived_at ? [{ ...j, due_date: j.due_date }] : []))
  const overlapping = booked
    .map((j) => ({
      journeyId: j.id,
      clientId: j.client_id,
      clientName: [j.clients?.first_name, j.clients?.last_name].filter(Boolean).join(' '),
      dueDate: j.due_date,
      window: onCallWindow(j.due_date, {
        startWeek: j.on_call_start_week ?? practice.onCall.startWeek,
        endWeek: j.on_call_end_week ?? practice.onCall.endWeek,
      }),
    }))
    .filter((j) => windowsOverlap(window, j.window))
  const { exceeded } = checkCapacity(
    dueDate,
    booked.map((j) => ({ journeyId: j.id, dueDate: j.due_date })),
    practice.capacity,
  )
  return { window, overlapping, exceeded, rule: practice.capacity }
}
