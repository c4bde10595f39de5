// GET /api/cron/form-reminders — hourly (vercel.json): queues reminders for unfinished forms. Bearer CRON_SECRET.
import { serverEnv } from '@/lib/env'
import { queueFormReminders } from '@/lib/paperwork/reminders'
import { isCronAuthorized } from '@/lib/privacy/cron-secret'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'

function configuredSecret(): string | undefined {
  try {
    return serverEnv().CRON_SECRET
  } catch (error) {
    // A broken environment must not open the route: log it and refuse.
    console.error('[cron/form-reminders] environment invalid', error)
    return undefined
  }
}

export async function GET(request: Request): Promise<Response> {
  if (!isCronAuthorized(request.headers.get('authorization'), configuredSecret())) {
    return Response.json({ error: 'unauthorized' }, { status: 401 })
  }
  try {
    return Response.json(await queueFormReminders(createAdminClient()), { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    console.error('[cron/form-reminders]', error)
    return Response.json({ error: 'Queuing reminders failed' }, { status: 500 })
  }
}
