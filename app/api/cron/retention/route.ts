// GET /api/cron/retention — daily (vercel.json): archive audit rows past 12 months, drop archives past 6 years,
// remove uploads staged over an hour ago and never completed, finish stalled erasures. Bearer CRON_SECRET.
import { removeStaleStagedObjects } from '@/lib/documents/staging'
import { sendEmail } from '@/lib/email/send'
import { resumeOpenErasures } from '@/lib/privacy/deletion/erase.service'
import { applyAuditRetention } from '@/lib/privacy/retention.service'
import { cronRoute } from '@/lib/server/cron'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'

export const GET = cronRoute('cron/retention', async () => {
  const admin = createAdminClient()
  const audit = await applyAuditRetention({ admin })
  const abandonedUploads = await removeStaleStagedObjects(admin)
  const erasures = await resumeOpenErasures({ admin, sendEmail })
  return { audit, abandonedUploads, erasures }
})
