import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The /privacy and /security pages state the same retention: tests/e2e/privacy-contact.spec.ts reads them as served.
describe('retention is stated where people read it (S44, S48)', () => {
  it('the README gives the audit retention and the archive', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    expect(readme).toMatch(/\| audit log \(`audit_log`\) \| 12 months in the table/)
    expect(readme).toMatch(/\| audit archive \| 6 years from the month of its rows/)
  })
})
