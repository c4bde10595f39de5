import { describe, expect, it } from 'vitest'
import { AuditCursorSchema, AuditFiltersSchema } from '@/lib/privacy/audit/audit-log.schema'

describe('the audit log cursor', () => {
  it('accepts the cursors our own links carry', () => {
    expect(AuditCursorSchema.safeParse('2026-12-05T10:11:12.123456+00:00~42').success).toBe(true)
    expect(AuditCursorSchema.safeParse('2026-12-05T10:11:12Z~9223372036854775807').success).toBe(true)
  })

  it.each([
    ['::::::::::~1'],
    ['-----------~0'],
    ['2026-12-05T10:11:12Z~9223372036854775808'],
    ['2026-12-05T10:11:12Z~0'],
    ['2026-13-45T10:11:12Z~1'],
    ['2026-12-05T10:11:12Z'],
    ['2026-12-05T10:11:12Z~1~2'],
  ])('refuses %s before it reaches a query', (cursor) => {
    const parsed = AuditFiltersSchema.safeParse({ after: cursor })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe('This page of the audit log does not exist.')
  })
})
