import { describe, expect, it } from 'vitest'
import { isCronAuthorized } from '@/lib/privacy/cron-secret'
import { FRESH_SIGN_IN_SECONDS, isFreshSignIn, lastSignInAt } from '@/lib/privacy/deletion/fresh-sign-in'

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
  ])('refuses %s', (_label, header, secret) => {
    expect(isCronAuthorized(header, secret)).toBe(false)
  })
})

describe('fresh sign-in', () => {
  const now = 1_800_000_000
  const claims = (amr: unknown, iat = now) => ({ sub: 'u', iat, amr })

  it('takes the newest amr timestamp', () => {
    expect(lastSignInAt(claims([{ method: 'password', timestamp: now - 900 }, { method: 'otp', timestamp: now - 30 }]))).toBe(now - 30)
  })
  it('accepts a sign-in up to five minutes old', () => {
    expect(isFreshSignIn(claims([{ method: 'otp', timestamp: now - FRESH_SIGN_IN_SECONDS }]), now)).toBe(true)
  })
  it('refuses an older sign-in even when the token was just refreshed (iat is new)', () => {
    expect(isFreshSignIn(claims([{ method: 'otp', timestamp: now - FRESH_SIGN_IN_SECONDS - 1 }], now), now)).toBe(false)
  })
  it.each([
    ['no amr', undefined],
    ['empty amr', []],
    ['amr without timestamps', [{ method: 'otp' }]],
    ['string amr (RFC 8176 form)', ['pwd']],
    ['a sign-in in the future', [{ method: 'otp', timestamp: now + 3600 }]],
  ])('refuses %s', (_label, amr) => {
    expect(isFreshSignIn(claims(amr), now)).toBe(false)
  })
})
