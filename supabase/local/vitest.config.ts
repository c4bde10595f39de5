import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'standin',
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // supabase-js builds a realtime client in createClient, which needs a global WebSocket:
    // built into Node 22+, behind this flag on Node 20.
    execArgv: ['--experimental-websocket'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
})
