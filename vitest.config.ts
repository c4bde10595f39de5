import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))
// The Stripe contract also runs against real Stripe test mode, but only when a test key is given.
const realStripe = process.env.STRIPE_SECRET_KEY?.startsWith('sk_test_') ?? false
// The lapsed-practice cron erases every practice whose subscription ended 30 days before the time it
// is given, whichever suite made it: its suite gets a stack of its own, so it never erases a practice
// another suite is using at the same moment.
const LAPSED_ERASURE = 'tests/integration/billing/lapsed-erasure.test.ts'

export default defineConfig({
  resolve: { alias: { '@': root, 'server-only': `${root}tests/helpers/server-only.ts` } },
  test: {
    // supabase-js builds a realtime client in createClient, which needs a global WebSocket:
    // built into Node 22+, behind this flag on Node 20.
    execArgv: ['--experimental-websocket'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.{ts,tsx}'],
          exclude: [LAPSED_ERASURE],
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-erasure',
          include: [LAPSED_ERASURE],
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'local-stripe',
          include: ['supabase/local-stripe/tests/**/*.test.ts'],
          exclude: realStripe ? [] : ['supabase/local-stripe/tests/contract-live.test.ts'],
          testTimeout: 30_000,
        },
      },
      // The local Supabase stand-in is a package of its own, with its own suite.
      'supabase/local',
    ],
  },
})
