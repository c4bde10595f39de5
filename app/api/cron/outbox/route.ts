// GET /api/cron/outbox — Vercel cron (every minute): sends due outbox emails with retries and backoff.
import { sendEmail } from '@/lib/email/send'
import { serverEnv } from '@/lib/env'
import { isAuthorizedCron } from '@/lib/notifications/cron-auth'
import { drainOutbox } from '@/lib/notifications/drain'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'

export async function GET(request: Request): Promise<Response> {
  // Read the secret directly so a broken environment still refuses rather than throwing first.
  if (!isAuthorizedCron(request.headers.get('authorization'), process.env['CRON_SECRET'])) {
    return Response.json({ error: 'Unauthorized' }, { status: 401 })
  }
  try {
    const result = await drainOutbox({ admin: createAdminClient(), deliver: sendEmail, siteUrl: serverEnv().NEXT_PUBLIC_SITE_URL })
    return Response.json(result, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    console.error('[cron/outbox]', error)
    return Response.json({ error: 'Outbox drain failed' }, { status: 500 })
  }
}
