import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))
// The Stripe contract also runs against real Stripe test mode, but only when a test key is given.
const realStripe = process.env.STRIPE_SECRET_KEY?.startsWith('sk_test_') ?? false

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
