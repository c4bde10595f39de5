import { describe, expect, it } from 'vitest'
import { FRESH_SIGN_IN_SECONDS, isFreshSignIn, lastSignInAt } from '@/lib/privacy/deletion/fresh-sign-in'

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
