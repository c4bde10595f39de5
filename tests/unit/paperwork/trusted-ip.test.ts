import { describe, expect, it } from 'vitest'
import { trustedClientIp } from '@/lib/security/trusted-ip'

describe('the IP taken as evidence', () => {
  it("prefers Vercel's own header, then the last forwarded hop, never the first", () => {
    expect(trustedClientIp(new Headers({ 'x-vercel-forwarded-for': '203.0.113.7', 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }))).toBe('203.0.113.7')
    expect(trustedClientIp(new Headers({ 'x-forwarded-for': '6.6.6.6, 198.51.100.2' }))).toBe('198.51.100.2')
    expect(trustedClientIp(new Headers({ 'x-real-ip': '2001:db8::1' }))).toBe('2001:db8::1')
  })

  it('gives null rather than a guess for anything that is not an address', () => {
    expect(trustedClientIp(new Headers({ 'x-forwarded-for': 'evil.example' }))).toBeNull()
    expect(trustedClientIp(new Headers())).toBeNull()
  })
})
