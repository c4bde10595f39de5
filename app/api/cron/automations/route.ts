// GET /api/cron/automations — every 15 minutes (vercel.json): runs the milestones' due-date actions
// and sends the forms that automations queued. Bearer CRON_SECRET.
import { runAutomations } from '@/lib/automations/runner'
import { cronRoute } from '@/lib/server/cron'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'

export const GET = cronRoute('cron/automations', () => runAutomations(createAdminClient()))
