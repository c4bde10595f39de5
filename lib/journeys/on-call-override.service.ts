import 'server-only'
import { dbFailure, notFound, type Db } from '@/lib/server/db'
import { parseOrFieldErrors } from '@/lib/server/field-errors'
import { OnCallOverrideSchema } from './on-call-override.schema'

const weekOrNull = (v: string) => (v === '' ? null : Number(v))

/** Sets the journey's own on-call weeks, or clears them so the practice's window applies again. */
export async function saveOnCallOverride(db: Db, practiceId: string, input: unknown): Promise<void> {
  const o = parseOrFieldErrors(OnCallOverrideSchema, input)
  const { data, error } = await db
    .from('journeys')
    .update({ on_call_start_week: weekOrNull(o.startWeek), on_call_end_week: weekOrNull(o.endWeek) })
    .eq('practice_id', practiceId)
    .eq('id', o.journeyId)
    .select('id')
  if (error) throw dbFailure('save the on-call window', error)
  if (data.length === 0) throw notFound('journey')
}
