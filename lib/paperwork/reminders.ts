import 'server-only'
import { dbFailure, type Db } from '@/lib/server/db'

/**
 * Queues the reminders that are due: 3 days after a form was sent, and a day before its due date,
 * once each, for forms still open, in practices that did not turn reminders off. The outbox cron
 * sends them. `admin` is the service role.
 */
export async function queueFormReminders(admin: Db, now = new Date()): Promise<{ queued: number }> {
  const { data, error } = await admin.rpc('enqueue_form_reminders', { p_now: now.toISOString() })
  if (error) throw dbFailure('queue the form reminders', error)
  return { queued: data }
}
