import { startLocalStripe } from '@doulaos/local-stripe'
import { startLocalStack } from '@doulaos/supabase-local'
import type { TestProject } from 'vitest/node'
import type { StackInfo } from '../helpers/stack.ts'
import type { StripeInfo } from '../helpers/stripe.ts'

/**
 * One ephemeral stack (temp dirs, free ports) with the project's migrations for the whole
 * integration run. The send-email hook is off here, so auth emails land in the stand-in's mailbox;
 * suites that need the hook or a fixture schema start a stack of their own. Beside it, one ephemeral
 * Stripe stand-in (frozen clock, free port): suites reach it through tests/helpers/stripe.ts.
 */
export default async function setup(project: TestProject) {
  const stack = await startLocalStack({
    ephemeral: true,
    seed: false,
    configure: (config) => {
      config.auth.sendEmailHook.enabled = false
      config.auth.rateLimit = { emailSent: 1e6, signInSignUps: 1e6, tokenVerifications: 1e6, tokenRefresh: 1e6 }
      config.auth.email.maxFrequencySeconds = 0
    },
  })
  const info: StackInfo = {
    apiUrl: stack.apiUrl,
    dbUrl: stack.dbUrl,
    mailboxUrl: stack.mailboxUrl,
    anonKey: stack.anonKey,
    serviceRoleKey: stack.serviceRoleKey,
    jwtSecret: stack.jwtSecret,
  }
  project.provide('stack', info)
  const stripe = await startLocalStripe({ ephemeral: true, retry: { initialDelayMs: 50, factor: 2, maxAttempts: 4, timeoutMs: 5000 } }).catch(async (err: unknown) => {
    await stack.stop()
    throw err
  })
  const stripeInfo: StripeInfo = { url: stripe.url, secretKey: stripe.secretKey }
  project.provide('stripe', stripeInfo)
  return async () => {
    await stripe.stop()
    await stack.stop()
  }
}
