import Stripe from 'stripe'
import { describe } from 'vitest'
import { appCallsContract } from './app-calls-contract.ts'
import { contract } from './contract.ts'

// Collected only when STRIPE_SECRET_KEY is a test-mode key (vitest.config.ts): the same contract
// against real Stripe.
describe('contract: real Stripe test mode', () => {
  const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '', { maxNetworkRetries: 2 })
  contract(() => stripe)
  describe('the calls the app makes', () => appCallsContract(() => stripe))
})
