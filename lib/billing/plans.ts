/**
 * The plans DoulaOS sells. Stripe holds the prices; the app finds them by lookup key (never by a
 * price id from the browser), and `npm run stripe:setup` creates them from this list.
 */
export const PLAN_IDS = ['solo', 'team'] as const
export type PlanId = (typeof PLAN_IDS)[number]
export const BILLING_INTERVALS = ['month', 'year'] as const
export type BillingInterval = (typeof BILLING_INTERVALS)[number]

export const TRIAL_DAYS = 14
/** The most seats the Team plan sells through checkout; more through the portal or by asking. */
export const MAX_TEAM_SEATS = 50
export const MIN_TEAM_SEATS = 2

export interface Plan {
  id: PlanId
  name: string
  description: string
  perSeat: boolean
  /** US cents per month / per year (per seat for Team). */
  amounts: Record<BillingInterval, number>
}

export const PLANS: Record<PlanId, Plan> = {
  solo: {
    id: 'solo',
    name: 'Solo',
    description: 'One doula: every client, calendar, portal and document.',
    perSeat: false,
    amounts: { month: 2900, year: 29000 },
  },
  team: {
    id: 'team',
    name: 'Team',
    description: 'A practice of several doulas, billed per seat.',
    perSeat: true,
    amounts: { month: 2500, year: 25000 },
  },
}

export const CURRENCY = 'usd'

export const lookupKeyFor = (plan: PlanId, interval: BillingInterval) => `doulaos_${plan}_${interval}ly`

/** The plan and interval a lookup key names, or null for a price this app did not create. */
export function planForLookupKey(lookupKey: string | null | undefined): { plan: PlanId; interval: BillingInterval } | null {
  for (const plan of PLAN_IDS) {
    for (const interval of BILLING_INTERVALS) {
      if (lookupKeyFor(plan, interval) === lookupKey) return { plan, interval }
    }
  }
  return null
}

/** "$29" or "$29.50": whole dollars without cents. */
export function formatAmount(cents: number, currency = CURRENCY): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100)
}
