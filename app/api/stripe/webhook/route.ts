// POST /api/stripe/webhook — Stripe events: signature verified on the raw body, each event applied once.
import { handleStripeEvent } from '@/lib/billing/webhook/handle-event'
import { createStripeClient } from '@/lib/billing/stripe'
import { serverEnv } from '@/lib/env'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'

/** Stripe's default: a signature whose timestamp is more than 5 minutes off is refused (replays). */
const TOLERANCE_SECONDS = 300

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status })

export async function POST(request: Request) {
  const signature = request.headers.get('stripe-signature')
  if (!signature) return answer(400, { error: 'Missing Stripe-Signature header' })
  // The exact bytes Stripe signed: parsing before verifying would change them.
  const rawBody = await request.text()
  const stripe = createStripeClient()
  let event
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature, serverEnv().STRIPE_WEBHOOK_SECRET, TOLERANCE_SECONDS)
  } catch {
    return answer(400, { error: 'Invalid signature' })
  }
  try {
    const outcome = await handleStripeEvent({ admin: createAdminClient(), stripe }, event)
    return answer(200, { received: true, outcome })
  } catch (error) {
    // Nothing was applied (one transaction per event): Stripe retries the delivery.
    console.error('[stripe webhook]', event.id, event.type, error)
    return answer(500, { error: 'The event could not be applied; it will be retried' })
  }
}
