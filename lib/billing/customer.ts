import 'server-only'
import { AppError } from '@/lib/errors'
import { dbFailure, type Db } from '@/lib/server/db'
import type { BillingActor } from './billing-owner'
import type { Stripe } from './stripe'
import { customerCreateRequest } from './stripe-requests'

/** The practice's Stripe customer id as stored by the server, or null before its first checkout. */
export async function storedCustomerId(admin: Db, practiceId: string): Promise<string | null> {
  const { data, error } = await admin.from('billing_customers').select('stripe_customer_id').eq('practice_id', practiceId).maybeSingle()
  if (error) throw dbFailure('load your billing details', error)
  return data?.stripe_customer_id ?? null
}

/**
 * One Stripe customer per practice, created once. The idempotency key makes concurrent first
 * checkouts create one customer at Stripe; the primary key keeps one row here, and whoever lost
 * the race uses the stored one.
 */
export async function getOrCreateCustomer(admin: Db, stripe: Stripe, actor: BillingActor): Promise<string> {
  const existing = await storedCustomerId(admin, actor.practiceId)
  if (existing) return existing
  const customer = await stripe.customers.create(...customerCreateRequest(actor))
  const { error } = await admin
    .from('billing_customers')
    .upsert({ practice_id: actor.practiceId, stripe_customer_id: customer.id }, { onConflict: 'practice_id', ignoreDuplicates: true })
  if (error) throw dbFailure('save your billing details', error)
  const stored = await storedCustomerId(admin, actor.practiceId)
  if (!stored) throw new AppError({ code: 'internal', message: 'We could not save your billing details.' })
  return stored
}
