import { describe, expect, it } from 'vitest'
import { withMinimumDuration } from '@/lib/auth/min-duration'

describe('withMinimumDuration', () => {
  it('pads a fast success up to the minimum', async () => {
    const started = performance.now()
    await expect(withMinimumDuration(120, async () => 'sent')).resolves.toBe('sent')
    expect(performance.now() - started).toBeGreaterThanOrEqual(115)
  })

  it('pads a fast failure the same way and still rejects', async () => {
    const started = performance.now()
    await expect(withMinimumDuration(120, () => Promise.reject(new Error('no such user')))).rejects.toThrow('no such user')
    expect(performance.now() - started).toBeGreaterThanOrEqual(115)
  })

  it('adds nothing when the work already took longer', async () => {
    const started = performance.now()
    await withMinimumDuration(10, () => new Promise((resolve) => setTimeout(resolve, 60)))
    expect(performance.now() - started).toBeLessThan(200)
  })
})
