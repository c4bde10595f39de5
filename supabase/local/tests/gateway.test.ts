import { describe, expect, it } from 'vitest'
import { stack } from './shared-stack.ts'
import { DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY } from '../keys.ts'

const api = (path: string, init?: RequestInit) => fetch(`${stack().apiUrl}${path}`, init)

describe('gateway', () => {
  it('answers a browser preflight with the origin and requested headers reflected', async () => {
    const res = await api('/rest/v1/ledger', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:3000',
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'apikey, content-type, prefer, x-client-info',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000')
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH')
    expect(res.headers.get('access-control-allow-headers')).toContain('prefer')
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization')
  })

  it('exposes Content-Range to browsers so counts work', async () => {
    const res = await api('/rest/v1/ledger?select=id', {
      headers: { Origin: 'http://127.0.0.1:3000', apikey: stack().serviceRoleKey, Prefer: 'count=exact' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-expose-headers')).toContain('Content-Range')
    expect(res.headers.get('content-range')).toMatch(/\/\d+$/)
  })

  it('maps the opaque secret key to the service role and the publishable key to anon', async () => {
    const asSecret = await api('/rest/v1/ledger?select=id', { headers: { apikey: DEMO_SECRET_KEY, Authorization: `Bearer ${DEMO_SECRET_KEY}` } })
    expect(asSecret.status).toBe(200)
    const asPublishable = await api('/rest/v1/ledger?select=id', { headers: { apikey: DEMO_PUBLISHABLE_KEY } })
    expect(asPublishable.status).toBe(401)
    expect(((await asPublishable.json()) as { code: string }).code).toBe('42501')
  })

  it('keeps an explicit user bearer token over the apikey', async () => {
    const res = await api('/rest/v1/ledger?select=id', {
      headers: { apikey: DEMO_SECRET_KEY, Authorization: 'Bearer not-a-jwt' },
    })
    expect(res.status).toBe(401)
    expect(((await res.json()) as { code: string }).code).toBe('PGRST301')
  })

  it('answers unknown prefixes like Kong does', async () => {
    const res = await api('/graphql/v1')
    expect(res.status).toBe(404)
  })
})
