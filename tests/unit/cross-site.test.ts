import { describe, expect, it } from 'vitest'
import { isCrossSiteAction } from '@/lib/security/cross-site'

const action = (headers: Record<string, string>, method = 'POST') => isCrossSiteAction(method, new Headers({ 'next-action': 'abc123', ...headers }))

describe('isCrossSiteAction', () => {
  it('refuses an action posted from another origin, a null origin or an unreadable one', () => {
    expect(action({ origin: 'https://evil.example', host: 'app.example' })).toBe(true)
    expect(action({ origin: 'null', host: 'app.example' })).toBe(true)
    expect(action({ origin: 'https://app.example:8443', host: 'app.example' })).toBe(true)
    expect(action({ origin: 'https://app.example' })).toBe(true)
  })

  it('lets same-origin actions through, behind a proxy too', () => {
    expect(action({ origin: 'https://app.example', host: 'app.example' })).toBe(false)
    expect(action({ origin: 'https://app.example', host: 'internal:3000', 'x-forwarded-host': 'app.example' })).toBe(false)
  })

  it('leaves requests that are not server actions, or carry no origin, to the app', () => {
    expect(isCrossSiteAction('POST', new Headers({ origin: 'https://evil.example', host: 'app.example' }))).toBe(false)
    expect(action({ origin: 'https://evil.example', host: 'app.example' }, 'GET')).toBe(false)
    expect(action({ host: 'app.example' })).toBe(false)
  })
})
