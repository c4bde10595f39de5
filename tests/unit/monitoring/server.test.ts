import { afterEach, describe, expect, it, vi } from 'vitest'

const loaded = vi.hoisted(() => ({ count: 0, init: vi.fn(), captureException: vi.fn(), captureRequestError: vi.fn() }))

vi.mock('@sentry/nextjs', () => {
  loaded.count++
  return { init: loaded.init, captureException: loaded.captureException, captureRequestError: loaded.captureRequestError }
})

async function freshMonitoring() {
  vi.resetModules()
  return import('@/lib/monitoring/server')
}

describe('server monitoring', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
    loaded.count = 0
    vi.clearAllMocks()
  })

  it('never loads the SDK without SENTRY_DSN, and reporting is a no-op', async () => {
    vi.stubEnv('SENTRY_DSN', '')
    const monitoring = await freshMonitoring()
    await monitoring.startServerMonitoring()
    monitoring.reportServerError(new Error('boom'), 'test')
    expect(loaded.count).toBe(0)
    expect(loaded.captureException).not.toHaveBeenCalled()
  })

  it('loads the SDK with SENTRY_DSN, scrubs every event, and reports errors', async () => {
    vi.stubEnv('SENTRY_DSN', 'https://public@o1.ingest.sentry.io/1')
    const monitoring = await freshMonitoring()
    const { scrubEvent } = await import('@/lib/monitoring/scrub')
    await monitoring.startServerMonitoring()
    expect(loaded.count).toBe(1)
    expect(loaded.init).toHaveBeenCalledWith({ dsn: 'https://public@o1.ingest.sentry.io/1', beforeSend: scrubEvent })
    const error = new Error('boom')
    monitoring.reportServerError(error, 'export')
    expect(loaded.captureException).toHaveBeenCalledWith(error, { tags: { where: 'export' } })
  })
})
