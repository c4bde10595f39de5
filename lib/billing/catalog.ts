import type { Stripe } from './stripe'
import { priceByLookupKeyParams } from './stripe-requests'
import { BILLING_INTERVALS, CURRENCY, lookupKeyFor, PLAN_IDS, PLANS, type BillingInterval, type PlanId } from './plans'

export interface CatalogEntry {
  lookupKey: string
  priceId: string
  created: boolean
}

/**
 * Makes Stripe's catalog match PLANS, idempotently: one product per plan (its id fixed, so a rerun
 * finds it) and one price per plan and interval under its lookup key. A price whose amount changed
 * is replaced by a new price that takes over the lookup key (prices are immutable at Stripe).
 * Works against real Stripe (test or live mode) and the local stand-in alike.
 */
export async function ensureCatalog(stripe: Stripe): Promise<CatalogEntry[]> {
  const entries: CatalogEntry[] = []
  for (const planId of PLAN_IDS) {
    const plan = PLANS[planId]
    const productId = `doulaos_${planId}`
    try {
      await stripe.products.retrieve(productId)
    } catch (error) {
      if ((error as { code?: string }).code !== 'resource_missing') throw error
      await stripe.products.create({ id: productId, name: `DoulaOS ${plan.name}`, description: plan.description, metadata: { plan: planId } })
    }
    for (const interval of BILLING_INTERVALS) {
      const lookupKey = lookupKeyFor(planId, interval)
      const { data } = await stripe.prices.list(priceByLookupKeyParams(lookupKey))
      const current = data[0]
      if (current && current.unit_amount === plan.amounts[interval] && current.currency === CURRENCY && current.recurring?.interval === interval) {
        entries.push({ lookupKey, priceId: current.id, created: false })
        continue
      }
      const price = await stripe.prices.create({
        product: productId,
        currency: CURRENCY,
        unit_amount: plan.amounts[interval],
        recurring: { interval },
        lookup_key: lookupKey,
        transfer_lookup_key: true,
        nickname: `${plan.name} ${interval}ly`,
        metadata: { plan: planId },
      })
      entries.push({ lookupKey, priceId: price.id, created: true })
    }
  }
  return entries
}

/** The active price for a plan, found by lookup key on the server; null when the catalog lacks it. */
export async function findPrice(stripe: Stripe, plan: PlanId, interval: BillingInterval): Promise<Stripe.Price | null> {
  const { data } = await stripe.prices.list(priceByLookupKeyParams(lookupKeyFor(plan, interval)))
  return data[0] ?? null
}
