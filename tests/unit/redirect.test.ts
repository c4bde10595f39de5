import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_AFTER_SIGN_IN, safeRedirectPath } from '@/lib/redirect'

describe('safeRedirectPath', () => {
  it.each([
    ['//evil.com'],
    ['https://evil.com'],
    ['/\\evil.com'],
    ['@evil.com'],
    ['%2F%2Fevil.com'],
    ['javascript:alert(1)'],
    ['/%5Cevil.com'],
    ['/\t/evil.com'],
    ['%2Fdashboard%0A'],
    ['%E0%A4%A'],
    ['http:/evil.com'],
    ['/..//evil.example'],
    ['/./..//evil.example/x'],
    ['/%2e%2e//evil.example'],
    ['/a/../..//evil.example'],
  ])('sends %s to the dashboard', (next) => {
    expect(safeRedirectPath(next)).toBe(DEFAULT_AFTER_SIGN_IN)
  })

  it.each([
    ['/ok?x=1', '/ok?x=1'],
    ['/dashboard/clients', '/dashboard/clients'],
    ['/portal#documents', '/portal#documents'],
  ])('keeps the in-app path %s', (next, expected) => {
    expect(safeRedirectPath(next)).toBe(expected)
  })

  it('uses the fallback for a missing value', () => {
    expect(safeRedirectPath(null)).toBe(DEFAULT_AFTER_SIGN_IN)
    expect(safeRedirectPath('', '/portal')).toBe('/portal')
  })
})

/** Pieces an attacker strings together: separators, dot segments, encodings, schemes and hosts. */
const HOSTILE = ['/', '//', '\\', '.', '..', '%2e', '%2E', '%2f', '%2F', '%5c', '%5C', '@', ':', '?', '#', '%09', '%0a', ' ', '\t', 'https:', 'javascript:', 'evil.example', 'dashboard', 'a']
const APP = 'https://app.example'

describe('safeRedirectPath over generated hostile paths', () => {
  it('always answers a path that a browser resolves to this origin', () => {
    const hostile = fc.array(fc.constantFrom(...HOSTILE), { maxLength: 12 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(fc.oneof(hostile, hostile.map((p) => `/${p}`), fc.string()), (next) => {
        const path = safeRedirectPath(next)
        expect(path.startsWith('/')).toBe(true)
        expect(path.startsWith('//')).toBe(false)
        expect(path).not.toMatch(/[\\\s\u0000-\u001f]/)
        expect(new URL(path, APP).origin).toBe(APP)
      }),
      { numRuns: 5000 },
    )
  })
})
