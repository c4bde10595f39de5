// GET /api/cron/billing-erasure — daily (vercel.json): reminds owners whose subscription ended that their
// data goes in 7 days / 1 day, and erases practices 30 days after the end. Bearer CRON_SECRET.
import { applyLapsedErasures } from '@/lib/billing/lapsed-erasure.service'
import { sendEmail } from '@/lib/email/send'
import { cronRoute } from '@/lib/server/cron'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'

export const GET = cronRoute('cron/billing-erasure', () => applyLapsedErasures({ admin: createAdminClient(), sendEmail }))
