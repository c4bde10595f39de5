// GET /api/cron/appointment-reminders — every 15 minutes (vercel.json): queues appointment reminders
// and sends the forms that status-change automations queued. Bearer CRON_SECRET.
import { queueAppointmentReminders } from '@/lib/appointments/reminders'
import { runPendingAutomations } from '@/lib/automations/runner'
import { cronRoute } from '@/lib/server/cron'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'

export const GET = cronRoute('cron/appointment-reminders', async () => {
  const admin = createAdminClient()
  return { reminders: await queueAppointmentReminders(admin), automations: await runPendingAutomations(admin) }
})
