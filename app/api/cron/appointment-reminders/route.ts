// GET /api/cron/appointment-reminders — every 15 minutes (vercel.json): queues appointment reminders.
// Bearer CRON_SECRET.
import { queueAppointmentReminders } from '@/lib/appointments/reminders'
import { cronRoute } from '@/lib/server/cron'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'

export const GET = cronRoute('cron/appointment-reminders', async () => ({ reminders: await queueAppointmentReminders(createAdminClient()) }))
