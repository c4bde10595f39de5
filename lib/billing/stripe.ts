import 'server-only'
import Stripe from 'stripe'
import { isDeployedProduction, serverEnv, type ServerEnv } from '@/lib/env'

/**
 * The one place the app builds a Stripe client. With STRIPE_API_URL set (local development and
 * tests) it talks to the local Stripe stand-in through stripe-node's host/port/protocol options;
 * a deployed production build refuses that, so it can only ever reach api.stripe.com.
 */
export function createStripeClient(env: ServerEnv = serverEnv()): Stripe {
  const config: Stripe.StripeConfig = { maxNetworkRetries: 2, appInfo: { name: 'DoulaOS' } }
  if (env.STRIPE_API_URL) {
    if (isDeployedProduction(env)) throw new Error('STRIPE_API_URL points the app at a local Stripe stand-in: unset it in production')
    const url = new URL(env.STRIPE_API_URL)
    const protocol = url.protocol === 'https:' ? 'https' : 'http'
    config.host = url.hostname
    config.port = Number(url.port || (protocol === 'https' ? 443 : 80))
    config.protocol = protocol
  }
  return new Stripe(env.STRIPE_SECRET_KEY, config)
}

/** Stripe's types for the rest of lib/billing, which never imports the SDK itself. */
export type { Stripe }
