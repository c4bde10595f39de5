// GET /api/cron/retention — daily (vercel.json): archive audit rows past 12 months, drop archives past 6 years,
// finish stalled erasures. Bearer CRON_SECRET.
import { sendEmail } from '@/lib/email/send'
import { serverEnv } from '@/lib/env'
import { isCronAuthorized } from '@/lib/privacy/cron-secret'
import { resumeOpenErasures } from '@/lib/privacy/deletion/erase.service'
import { applyAuditRetention } from '@/lib/privacy/retention.service'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'

function configuredSecret(): string | undefined {
  try {
    return serverEnv().CRON_SECRET
  } catch (error) {
    // A broken environment must not open the route: log it and refuse.
    console.error('[cron/retention] environment invalid', error)
    return undefined
  }
}

export async function GET(request: Request): Promise<Response> {
  if (!isCronAuthorized(request.headers.get('authorization'), configuredSecret())) {
    return Response.json({ error: 'unauthorized' }, { status: 401 })
  }
  try {
    const admin = createAdminClient()
    const audit = await applyAuditRetention({ admin })
    const erasures = await resumeOpenErasures({ admin, sendEmail })
    return Response.json({ audit, erasures })
  } catch (error) {
    console.error('[cron/retention] failed', error)
    return Response.json({ error: 'retention failed' }, { status: 500 })
  }
}
