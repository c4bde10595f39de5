import { describe, expect, it } from 'vitest'
import { ensureCatalog, findPrice } from '../../../lib/billing/catalog.ts'
import { PLANS } from '../../../lib/billing/plans.ts'
import { stripeClient } from '../../helpers/stripe.ts'

describe('ensureCatalog (npm run stripe:setup)', () => {
  it('creates each plan’s prices once, found by lookup key, and a rerun changes nothing', async () => {
    const stripe = stripeClient()
    await ensureCatalog(stripe)
    const again = await ensureCatalog(stripe)
    expect(again.map((e) => [e.lookupKey, e.created])).toEqual([
      ['doulaos_solo_monthly', false],
      ['doulaos_solo_yearly', false],
      ['doulaos_team_monthly', false],
      ['doulaos_team_yearly', false],
    ])
    const team = await findPrice(stripe, 'team', 'year')
    expect(team).toMatchObject({ id: again[3]!.priceId, unit_amount: PLANS.team.amounts.year, currency: 'usd', recurring: { interval: 'year' } })
  })
})
