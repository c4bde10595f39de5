import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAuthStack, uniqueEmail, type AuthStack } from './auth-harness.ts'

/** Its own file so the ~19 s of real timeouts (3 × 5 s + 2 × 2 s backoff) overlap with other suites. */
let s: AuthStack
beforeAll(async () => {
  s = await startAuthStack()
})
afterAll(() => s.stop())

describe('send-email hook timeouts', () => {
  it('gives up after three 5 s attempts with 422 hook_timeout_after_retry and creates no user', async () => {
    s.hook.reply = { status: 0 }
    const email = uniqueEmail('timeout')
    const started = Date.now()
    const res = await fetch(`${s.authUrl}/otp`, {
      method: 'POST',
      headers: { apikey: s.stack.anonKey, 'Content-Type': 'application/json', 'X-Supabase-Api-Version': '2024-01-01' },
      body: JSON.stringify({ email }),
    })
    const elapsed = Date.now() - started
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ code: 'hook_timeout_after_retry' })
    expect(s.hook.calls).toHaveLength(3)
    expect(elapsed).toBeGreaterThanOrEqual(15_000)
    expect(await s.stack.sql`select 1 from auth.users where email = ${email}`).toHaveLength(0)
  }, 40_000)
})
