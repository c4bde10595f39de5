import Stripe from 'stripe'
import { afterAll, beforeAll, describe } from 'vitest'
import { startLocalStripe, type LocalStripe } from '../index.ts'
import { appCallsContract } from './app-calls-contract.ts'
import { contract } from './contract.ts'

if (!process.env.STRIPE_SECRET_KEY?.startsWith('sk_test_')) {
  console.info('contract: the run against real Stripe test mode (contract-live.test.ts) is skipped: STRIPE_SECRET_KEY is not an sk_test_ key. The stand-in run goes ahead.')
}

describe('contract: the local stand-in', () => {
  let local: LocalStripe
  let stripe: Stripe
  beforeAll(async () => {
    local = await startLocalStripe({ ephemeral: true })
    stripe = new Stripe(local.secretKey, { ...local.clientOptions, maxNetworkRetries: 0 })
  })
  afterAll(() => local.stop())
  contract(() => stripe)
  describe('the calls the app makes', () => appCallsContract(() => stripe))
})
