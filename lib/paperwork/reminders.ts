import 'server-only'
import type { Db } from '@/lib/server/db'

/**
 * Queues the reminders that are due: 3 days after a form was sent, and a day before its due date,
 * once each, for forms still open, in practices that did not turn reminders off. The outbox cron
 * sends them. `admin` is the service role.
 */
export async function queueFormReminders(admin: Db, now = new Date()): Promise<{ queued: number }> {
  const { data, error } = await admin.rpc('enqueue_form_reminders', { p_now: now.toISOString() })
  if (error) throw new Error(`Could not queue form reminders: ${error.message}`)
  return { queued: data }
}
