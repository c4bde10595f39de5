import 'server-only'
import { dbFailure, type Db } from '@/lib/server/db'

/**
 * Queues the appointment reminders that are due: the client (unless she turned them off) and the
 * attending doula, once per start time, for scheduled appointments within the practice's reminder
 * window. The outbox cron sends them. `admin` is the service role.
 */
export async function queueAppointmentReminders(admin: Db, now = new Date()): Promise<{ queued: number }> {
  const { data, error } = await admin.rpc('enqueue_appointment_reminders', { p_now: now.toISOString() })
  if (error) throw dbFailure('queue the appointment reminders', error)
  return { queued: data }
}
