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
