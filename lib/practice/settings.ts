import 'server-only'
import type { CapacityRule, OnCallWeeks } from '@/lib/pregnancy/on-call'
import { dbFailure, notFound, type Db } from './db'

export interface PracticeSettings {
  id: string
  name: string
  slug: string
  timeZone: string
  onCall: OnCallWeeks
  capacity: CapacityRule
}

/** The practice's scheduling rules. RLS hides other practices, so their ids are `not_found`. */
export async function getPracticeSettings(db: Db, practiceId: string): Promise<PracticeSettings> {
  const { data, error } = await db
    .from('practices')
    .select('id, name, slug, time_zone, on_call_start_week, on_call_end_week, capacity_max_due_dates, capacity_window_days')
    .eq('id', practiceId)
    .maybeSingle()
  if (error) throw dbFailure('load the practice', error)
  if (!data) throw notFound('practice')
  return {
    id: data.id,
    name: data.name,
    slug: data.slug,
    timeZone: data.time_zone,
    onCall: { startWeek: data.on_call_start_week, endWeek: data.on_call_end_week },
    capacity: { maxDueDates: data.capacity_max_due_dates, windowDays: data.capacity_window_days },
  }
}
