import 'server-only'
import { dbFailure, notFound, refusal, type Db } from '@/lib/server/db'
import { parseOrFieldErrors } from '@/lib/server/field-errors'
import { ReminderSettingsSchema } from './reminder-settings.schema'

export async function getReminderHours(db: Db, practiceId: string): Promise<number> {
  const { data, error } = await db.from('practices').select('appointment_reminder_hours').eq('id', practiceId).maybeSingle()
  if (error) throw dbFailure('load the reminder settings', error)
  if (!data) throw notFound('practice')
  return data.appointment_reminder_hours
}

/** Owners and admins; RLS filters anyone else's update to nothing, which is refused. */
export async function saveReminderHours(db: Db, practiceId: string, input: unknown): Promise<number> {
  const { hoursBefore } = parseOrFieldErrors(ReminderSettingsSchema, input)
  const { data, error } = await db.from('practices').update({ appointment_reminder_hours: hoursBefore }).eq('id', practiceId).select('id')
  if (error) throw dbFailure('save the reminder settings', error)
  if (data.length === 0) {
    const { data: visible, error: readError } = await db.from('practices').select('id').eq('id', practiceId).maybeSingle()
    if (readError) throw dbFailure('load the practice', readError)
    throw refusal(visible !== null, 'practice')
  }
  return hoursBefore
}
