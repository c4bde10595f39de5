import type { ChildProcess } from 'node:child_process'
import { LOCAL_STRIPE_WEBHOOK_SECRET, startLocalStripe } from '@doulaos/local-stripe'
import { startLocalStack } from '@doulaos/supabase-local'
import Stripe from 'stripe'
import { ensureCatalog } from '../../lib/billing/catalog.ts'
import { localAppEnv, localStackEnv, stripeWebhookUrl } from '../../scripts/local-env.ts'
import { freePort, liftAuthLimits, runNext, startNext, stopServer } from '../../scripts/next-process.ts'

export default async function globalSetup() {
  const appUrl = `http://127.0.0.1:${await freePort()}`
  const stack = await startLocalStack({
    ephemeral: true,
    seed: false,
    env: localStackEnv(appUrl),
    configure: liftAuthLimits,
  })
  // Real-time clock, so the app sees the same 'now' as the browser; specs advance it through its API.
  const stripe = await startLocalStripe({ ephemeral: true, clock: 'live', webhookUrl: stripeWebhookUrl(appUrl), webhookSecret: LOCAL_STRIPE_WEBHOOK_SECRET })
  await ensureCatalog(new Stripe(stripe.secretKey, stripe.clientOptions))
  let server: ChildProcess
  try {
    const env = { ...process.env, ...localAppEnv(stack, appUrl, stripe.url), NEXT_TELEMETRY_DISABLED: '1' }
    if (process.env.E2E_SKIP_BUILD !== '1') await runNext(['build'], env)
    server = await startNext(appUrl, env)
  } catch (error) {
    await stripe.stop()
    await stack.stop()
    throw error
  }

  process.env.E2E_BASE_URL = appUrl
  process.env.E2E_MAILBOX_URL = stack.mailboxUrl
  // Portal specs seed client records the dashboard cannot create yet (REST with the service key).
  process.env.E2E_API_URL = stack.apiUrl
  process.env.E2E_SERVICE_ROLE_KEY = stack.serviceRoleKey
  process.env.E2E_STRIPE_URL = stripe.url
  return async () => {
    await stopServer(server)
    await stripe.stop()
    await stack.stop()
  }
}
