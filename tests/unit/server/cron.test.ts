import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { GENERIC_ERROR_MESSAGE } from '@/lib/errors'
import { VALID_SERVER_ENV } from '../../helpers/server-env.ts'
import { isCronAuthorized } from '@/lib/server/cron'

const SECRET = 'a-cron-secret-of-some-length'

describe('isCronAuthorized', () => {
  it('accepts exactly Bearer <secret>', () => {
    expect(isCronAuthorized(`Bearer ${SECRET}`, SECRET)).toBe(true)
  })
  it.each([
    ['no header', null, SECRET],
    ['wrong secret', 'Bearer a-cron-secret-of-some-lengtH', SECRET],
    ['a prefix of the secret', `Bearer ${SECRET.slice(0, -1)}`, SECRET],
    ['no scheme', SECRET, SECRET],
    ['lower-case scheme', `bearer ${SECRET}`, SECRET],
    ['unset secret', 'Bearer ', undefined],
    ['empty secret', 'Bearer ', ''],
    ['short secret', 'Bearer short', 'short'],
    ['a longer header', 'Bearer a-cron-secret-of-some-lengthx', SECRET],
    ['an empty header', '', SECRET],
  ])('refuses %s', (_label, header, secret) => {
    expect(isCronAuthorized(header, secret)).toBe(false)
  })
})

describe('cronRoute', () => {
  const env = { ...VALID_SERVER_ENV, CRON_SECRET: SECRET }

  async function routeWith(variables: Record<string, string | undefined>, run: () => Promise<unknown>) {
    vi.resetModules()
    for (const [key, value] of Object.entries(variables)) vi.stubEnv(key, value)
    const { cronRoute } = await import('@/lib/server/cron')
    return cronRoute('cron/test', run)
  }
  const call = (route: (request: Request) => Promise<Response>, authorization?: string) =>
    route(new Request('http://127.0.0.1:3000/api/cron/test', authorization ? { headers: { authorization } } : {}))

  beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined))
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
  })

  it('runs the job for the secret and answers its result, uncached', async () => {
    const run = vi.fn(async () => ({ sent: 2 }))
    const res = await call(await routeWith(env, run), `Bearer ${SECRET}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual({ sent: 2 })
    expect(run).toHaveBeenCalledOnce()
  })

  it('refuses without the secret, never running the job', async () => {
    const run = vi.fn(async () => ({}))
    const route = await routeWith(env, run)
    for (const header of [undefined, `Bearer ${SECRET}x`]) {
      const res = await call(route, header)
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({ error: 'Unauthorized' })
    }
    expect(run).not.toHaveBeenCalled()
  })

  it('fails closed when the environment is invalid, even for the right header', async () => {
    const run = vi.fn(async () => ({}))
    const res = await call(await routeWith({ ...env, SUPABASE_SERVICE_ROLE_KEY: undefined }, run), `Bearer ${SECRET}`)
    expect(res.status).toBe(401)
    expect(run).not.toHaveBeenCalled()
  })

  it('answers a failed job with 500 and the generic message, logging the detail', async () => {
    const res = await call(await routeWith(env, async () => Promise.reject(new Error('smtp down'))), `Bearer ${SECRET}`)
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ error: GENERIC_ERROR_MESSAGE })
    expect(console.error).toHaveBeenCalledWith('[cron/test]', expect.objectContaining({ message: 'smtp down' }))
  })
})
