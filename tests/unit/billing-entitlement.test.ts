import { describe, expect, it } from 'vitest'
import { entitlementFor, isLiveSubscription, SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '@/lib/billing/entitlement'
import { formatAmount, lookupKeyFor, planForLookupKey } from '@/lib/billing/plans'

describe('entitlementFor: what each subscription status allows', () => {
  const table: [SubscriptionStatus | null, 'full' | 'read_only', 'none' | 'past_due' | 'read_only', boolean][] = [
    // status               access       banner       email the owner
    [null, 'full', 'none', false],
    ['trialing', 'full', 'none', false],
    ['active', 'full', 'none', false],
    ['incomplete', 'full', 'none', false],
    ['past_due', 'full', 'past_due', true],
    ['unpaid', 'read_only', 'read_only', false],
    ['canceled', 'read_only', 'read_only', false],
    ['incomplete_expired', 'read_only', 'read_only', false],
    ['paused', 'read_only', 'read_only', false],
  ]

  it('covers every status Stripe has', () => {
    expect(table.map(([s]) => s).filter((s) => s !== null).sort()).toEqual([...SUBSCRIPTION_STATUSES].sort())
  })

  it.each(table)('%s → %s, banner %s, owner emailed %s', (status, access, banner, emailOwner) => {
    expect(entitlementFor(status)).toEqual({ access, banner, emailOwner })
  })

  it('sends a live subscription to the portal rather than a second checkout', () => {
    expect(SUBSCRIPTION_STATUSES.filter(isLiveSubscription)).toEqual(['incomplete', 'trialing', 'active', 'past_due', 'unpaid'])
    expect(isLiveSubscription(null)).toBe(false)
  })
})

describe('plans by lookup key', () => {
  it('names each plan and interval, and nothing else', () => {
    expect(lookupKeyFor('team', 'year')).toBe('doulaos_team_yearly')
    expect(planForLookupKey('doulaos_solo_monthly')).toEqual({ plan: 'solo', interval: 'month' })
    expect(planForLookupKey('doulaos_gold_monthly')).toBeNull()
    expect(planForLookupKey(null)).toBeNull()
  })

  it('formats amounts without needless cents', () => {
    expect(formatAmount(2900)).toBe('$29')
    expect(formatAmount(2950)).toBe('$29.50')
  })
})
