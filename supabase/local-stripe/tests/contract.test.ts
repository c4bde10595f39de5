import Stripe from 'stripe'
import { afterAll, beforeAll, describe } from 'vitest'
import { startLocalStripe, type LocalStripe } from '../index.ts'
import { contract } from './contract.ts'

describe('contract: the local stand-in', () => {
  let local: LocalStripe
  let stripe: Stripe
  beforeAll(async () => {
    local = await startLocalStripe({ ephemeral: true })
    stripe = new Stripe(local.secretKey, { ...local.clientOptions, maxNetworkRetries: 0 })
  })
  afterAll(() => local.stop())
  contract(() => stripe)
})
