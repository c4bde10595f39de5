import 'server-only'
import type { Tables } from '@/lib/database.types'
import type { CapacityRule, OnCallWeeks } from '@/lib/pregnancy/on-call'
import { type Db, dbFailure, notFound, PG_ERROR, refusal } from '@/lib/server/db'
import { FieldErrors, parseOrFieldErrors } from '@/lib/server/field-errors'
import { PracticeSettingsSchema } from './settings.schema'

export interface PracticeSettings {
  id: string
  name: string
  slug: string
  timeZone: string
  onCall: OnCallWeeks
  capacity: CapacityRule
}

/** The columns behind PracticeSettings, for selects that embed the practice (see listMemberships). */
export const PRACTICE_SETTINGS_COLUMNS =
  'id, name, slug, time_zone, on_call_start_week, on_call_end_week, capacity_max_due_dates, capacity_window_days'

type PracticeSettingsRow = Pick<
  Tables<'practices'>,
  'id' | 'name' | 'slug' | 'time_zone' | 'on_call_start_week' | 'on_call_end_week' | 'capacity_max_due_dates' | 'capacity_window_days'
>

export function toPracticeSettings(row: PracticeSettingsRow): PracticeSettings {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    timeZone: row.time_zone,
    onCall: { startWeek: row.on_call_start_week, endWeek: row.on_call_end_week },
    capacity: { maxDueDates: row.capacity_max_due_dates, windowDays: row.capacity_window_days },
  }
}

/** The practice's scheduling rules. RLS hides other practices, so their ids are `not_found`. */
export async function getPracticeSettings(db: Db, practiceId: string): Promise<PracticeSettings> {
  const { data, error } = await db.from('practices').select(PRACTICE_SETTINGS_COLUMNS).eq('id', practiceId).maybeSingle()
  if (error) throw dbFailure('load the practice', error)
  if (!data) throw notFound('practice')
  return toPracticeSettings(data)
}


/**
 * Saves the practice's details (owners and admins; RLS filters anyone else's update to nothing).
 * The audit trigger on practices records who changed them.
 */
export async function updatePracticeSettings(db: Db, practiceId: string, input: unknown): Promise<PracticeSettings> {
  const s = parseOrFieldErrors(PracticeSettingsSchema, input)
  const { data, error } = await db
    .from('practices')
    .update({
      name: s.name,
      slug: s.slug,
      time_zone: s.timeZone,
      on_call_start_week: s.onCallStartWeek,
      on_call_end_week: s.onCallEndWeek,
      capacity_max_due_dates: s.capacityMaxDueDates,
      capacity_window_days: s.capacityWindowDays,
    })
    .eq('id', practiceId)
    .select('id')
  if (error?.code === PG_ERROR.uniqueViolation) throw new FieldErrors({ slug: 'That address is taken.' })
  if (error) throw dbFailure('save the practice settings', error)
  if (data.length === 0) {
    const { data: visible, error: readError } = await db.from('practices').select('id').eq('id', practiceId).maybeSingle()
    if (readError) throw dbFailure('load the practice', readError)
    throw refusal(visible !== null, 'practice')
  }
  return getPracticeSettings(db, practiceId)
}
