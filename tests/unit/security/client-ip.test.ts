import { describe, expect, it } from 'vitest'
import { requestMetaFrom, trustedIpHeader } from '@/lib/security/client-ip'

const spoofed = {
  'x-forwarded-for': '6.6.6.6, 10.0.0.1',
  'x-real-ip': '203.0.113.9',
  'cf-connecting-ip': '198.51.100.7',
  'user-agent': 'Mozilla/5.0',
}

describe('requestMetaFrom', () => {
  it('on Vercel reads the address its proxy writes into x-real-ip, never X-Forwarded-For', () => {
    const meta = requestMetaFrom(new Headers(spoofed), { VERCEL: '1', TRUSTED_IP_HEADER: undefined })
    expect(meta).toEqual({ ip: '203.0.113.9', userAgent: 'Mozilla/5.0' })
  })

  it('reads the header a self-hosted proxy is declared to set', () => {
    const meta = requestMetaFrom(new Headers(spoofed), { VERCEL: undefined, TRUSTED_IP_HEADER: 'cf-connecting-ip' })
    expect(meta.ip).toBe('198.51.100.7')
  })

  it('trusts no header when no proxy vouches for one', () => {
    expect(trustedIpHeader({ VERCEL: undefined, TRUSTED_IP_HEADER: undefined })).toBeNull()
    expect(requestMetaFrom(new Headers(spoofed), { VERCEL: undefined, TRUSTED_IP_HEADER: undefined }).ip).toBeNull()
  })

  it('records no address when the trusted header holds something else', () => {
    const meta = requestMetaFrom(new Headers({ 'x-real-ip': '1.2.3.4; drop table' }), { VERCEL: '1', TRUSTED_IP_HEADER: undefined })
    expect(meta.ip).toBeNull()
  })

  it('accepts IPv6 and bounds the user agent', () => {
    const meta = requestMetaFrom(new Headers({ 'x-real-ip': ' 2001:db8::1 ', 'user-agent': 'x'.repeat(2000) }), {
      VERCEL: '1',
      TRUSTED_IP_HEADER: undefined,
    })
    expect(meta.ip).toBe('2001:db8::1')
    expect(meta.userAgent).toHaveLength(512)
  })
})
