import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, createNonce, isEmbeddable } from '@/lib/security/csp'

const directive = (policy: string, name: string) =>
  policy.split('; ').find((d) => d.startsWith(`${name} `))

describe('contentSecurityPolicy', () => {
  const prod = contentSecurityPolicy({ nonce: 'abc', supabaseUrl: 'https://xyz.supabase.co/', dev: false, https: true })

  it('allows scripts only with the nonce in production', () => {
    expect(directive(prod, 'script-src')).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'")
    expect(directive(prod, 'style-src')).toBe("style-src 'self' 'nonce-abc'")
  })

  it('forbids framing, plugins and base-tag hijacking', () => {
    expect(directive(prod, 'frame-ancestors')).toBe("frame-ancestors 'none'")
    expect(directive(prod, 'object-src')).toBe("object-src 'none'")
    expect(directive(prod, 'base-uri')).toBe("base-uri 'none'")
  })

  it('connects only to itself and the Supabase origin', () => {
    expect(directive(prod, 'connect-src')).toBe("connect-src 'self' https://xyz.supabase.co")
    expect(prod).toContain('upgrade-insecure-requests')
  })

  it('adds eval only in development and never upgrades plain-http local origins', () => {
    const dev = contentSecurityPolicy({ nonce: 'n', supabaseUrl: 'http://127.0.0.1:54321', dev: true, https: false })
    expect(directive(dev, 'script-src')).toContain("'unsafe-eval'")
    expect(dev).not.toContain('upgrade-insecure-requests')
  })
})

describe('embeddable inquiry pages', () => {
  it('lets the framing be widened for them and keeps everything else as strict', () => {
    const embedded = contentSecurityPolicy({ nonce: 'abc', supabaseUrl: 'https://xyz.supabase.co/', dev: false, https: true, frameAncestors: '*' })
    expect(directive(embedded, 'frame-ancestors')).toBe('frame-ancestors *')
    expect(directive(embedded, 'script-src')).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'")
  })

  it('are the /p/<slug> pages only', () => {
    expect(['/p/harbor', '/p/harbor/'].map(isEmbeddable)).toEqual([true, true])
    expect(['/p', '/p/', '/p/harbor/x', '/dashboard', '/portal/p/harbor', '/pricing'].map(isEmbeddable)).toEqual([false, false, false, false, false, false])
  })
})

describe('createNonce', () => {
  it('is fresh on every call', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce))
    expect(nonces.size).toBe(50)
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9+/]{22}==$/)
  })
})
