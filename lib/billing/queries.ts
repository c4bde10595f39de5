import 'server-only'
import { cache } from 'react'
import { dbFailure, type Db } from '@/lib/server/db'
import { entitlementFor, isSubscriptionStatus, type Entitlement, type SubscriptionStatus } from './entitlement'
import type { Stripe } from './stripe'
import { recentInvoicesParams } from './stripe-requests'

export interface BillingAccess {
  status: SubscriptionStatus | null
  entitlement: Entitlement
  endedAt: string | null
}

/** What any member may know: the status and what it allows (practice_billing_access). */
export const getBillingAccess = cache(async (db: Db, practiceId: string): Promise<BillingAccess> => {
  const { data, error } = await db.rpc('practice_billing_access', { p_practice_id: practiceId })
  if (error) throw dbFailure('load your billing status', error)
  const row = data[0]
  const status = row && isSubscriptionStatus(row.status) ? row.status : null
  return { status, entitlement: entitlementFor(status), endedAt: row?.ended_at ?? null }
})

/** The day the practice's data goes because its subscription ended; only the owner can read it (RLS), others get null. */
export const getErasureDate = cache(async (db: Db, practiceId: string): Promise<string | null> => {
  const { data, error } = await db.from('billing_subscriptions').select('erase_after').eq('practice_id', practiceId).maybeSingle()
  if (error) throw dbFailure('load your billing status', error)
  return data?.erase_after ?? null
})

export interface BillingOverview {
  customerId: string | null
  subscription: {
    status: SubscriptionStatus
    plan: string | null
    interval: string | null
    seats: number
    amount: number | null
    currency: string | null
    trialEnd: string | null
    currentPeriodEnd: string | null
    cancelAtPeriodEnd: boolean
    cancelAt: string | null
    endedAt: string | null
    /** When the practice's data is destroyed unless she resubscribes (30 days after the end). */
    eraseAfter: string | null
  } | null
}

/** The owner's view of billing, under her RLS: a non-owner reads nothing. */
export async function getBillingOverview(db: Db, practiceId: string): Promise<BillingOverview> {
  const [customer, subscription] = await Promise.all([
    db.from('billing_customers').select('stripe_customer_id').eq('practice_id', practiceId).maybeSingle(),
    db
      .from('billing_subscriptions')
      .select('status, plan, billing_interval, seats, amount, currency, trial_end, current_period_end, cancel_at_period_end, cancel_at, ended_at, erase_after')
      .eq('practice_id', practiceId)
      .maybeSingle(),
  ])
  if (customer.error) throw dbFailure('load your billing details', customer.error)
  if (subscription.error) throw dbFailure('load your subscription', subscription.error)
  const s = subscription.data
  return {
    customerId: customer.data?.stripe_customer_id ?? null,
    subscription:
      s && isSubscriptionStatus(s.status)
        ? {
            status: s.status,
            plan: s.plan,
            interval: s.billing_interval,
            seats: s.seats,
            amount: s.amount,
            currency: s.currency,
            trialEnd: s.trial_end,
            currentPeriodEnd: s.current_period_end,
            cancelAtPeriodEnd: s.cancel_at_period_end,
            cancelAt: s.cancel_at,
            endedAt: s.ended_at,
            eraseAfter: s.erase_after,
          }
        : null,
  }
}

export interface InvoiceSummary {
  id: string
  number: string | null
  created: string
  amount: number
  currency: string
  status: string | null
  url: string | null
}

/** The customer's last invoices, read from Stripe when the page renders. */
export async function listRecentInvoices(stripe: Stripe, customerId: string, limit = 6): Promise<InvoiceSummary[]> {
  const { data } = await stripe.invoices.list(recentInvoicesParams(customerId, limit))
  return data.map((invoice) => ({
    id: invoice.id ?? '',
    number: invoice.number,
    created: new Date(invoice.created * 1000).toISOString(),
    amount: invoice.status === 'paid' ? invoice.amount_paid : invoice.amount_due,
    currency: invoice.currency,
    status: invoice.status,
    url: invoice.hosted_invoice_url ?? null,
  }))
}
