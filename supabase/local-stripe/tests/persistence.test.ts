import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Stripe from 'stripe'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, startLocalStripe } from '../index.ts'

const dir = mkdtempSync(join(tmpdir(), 'local-stripe-state-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a persistent instance (npm run dev)', () => {
  it('keeps its objects and its clock across a restart, and the CLI advances a running one', async () => {
    const stateFile = join(dir, 'stripe.json')
    const first = await startLocalStripe({ stateFile, port: 0, clock: 'live' })
    const stripe = new Stripe(first.secretKey, { ...first.clientOptions, maxNetworkRetries: 0 })
    const customer = await stripe.customers.create({ email: 'kept@example.test' })
    first.advance('2d')
    const clock = first.now()
    await first.stop()

    const second = await startLocalStripe({ stateFile, port: 0, clock: 'live' })
    const again = new Stripe(second.secretKey, { ...second.clientOptions, maxNetworkRetries: 0 })
    expect(((await again.customers.retrieve(customer.id)) as Stripe.Customer).email).toBe('kept@example.test')
    expect(second.now()).toBeGreaterThanOrEqual(clock)
    expect(second.now() - Date.now() / 1000).toBeGreaterThan(2 * 86400 - 60)

    const { stdout } = await promisify(execFile)(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [join(REPO_ROOT, 'supabase', 'local-stripe', 'cli.ts'), 'advance', '1d'], {
      env: { ...process.env, LOCAL_STRIPE_URL: second.url },
    })
    expect(stdout).toMatch(/Clock moved 1d: .* → /)
    expect(stdout).toContain('Nothing came due.')
    expect(second.now() - clock).toBeGreaterThanOrEqual(86400)
    await second.stop()
  })

  it('says so when the port is taken', async () => {
    const a = await startLocalStripe({ ephemeral: true })
    await expect(startLocalStripe({ ephemeral: true, port: a.clientOptions.port })).rejects.toThrow(/already in use/)
    await a.stop()
  })
})
