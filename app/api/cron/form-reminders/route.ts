// GET /api/cron/form-reminders — hourly (vercel.json): queues reminders for unfinished forms. Bearer CRON_SECRET.
import { queueFormReminders } from '@/lib/paperwork/reminders'
import { cronRoute } from '@/lib/server/cron'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'

export const GET = cronRoute('cron/form-reminders', () => queueFormReminders(createAdminClient()))
