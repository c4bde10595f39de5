// GET /api/cron/outbox — Vercel cron (every minute): sends due outbox emails with retries and backoff.
import { sendEmail } from '@/lib/email/send'
import { serverEnv } from '@/lib/env'
import { drainOutbox } from '@/lib/notifications/drain'
import { cronRoute } from '@/lib/server/cron'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'

export const GET = cronRoute('cron/outbox', () =>
  drainOutbox({ admin: createAdminClient(), deliver: sendEmail, siteUrl: serverEnv().NEXT_PUBLIC_SITE_URL }),
)
