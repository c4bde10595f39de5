import { describe, expect, it } from 'vitest'
import { isAuthorizedCron } from '@/lib/notifications/cron-auth'

const SECRET = 'a-cron-secret-of-32-characters!!'

describe('isAuthorizedCron', () => {
  it('accepts exactly "Bearer <secret>"', () => {
    expect(isAuthorizedCron(`Bearer ${SECRET}`, SECRET)).toBe(true)
  })

  it('refuses a wrong, truncated, extended or differently cased header', () => {
    for (const header of [`Bearer ${SECRET.slice(0, -1)}`, `Bearer ${SECRET}x`, `bearer ${SECRET}`, SECRET, '', 'Bearer ']) {
      expect(isAuthorizedCron(header, SECRET)).toBe(false)
    }
  })

  it('fails closed without a configured secret, with a short one, or without a header', () => {
    expect(isAuthorizedCron('Bearer undefined', undefined)).toBe(false)
    expect(isAuthorizedCron('Bearer ', '')).toBe(false)
    expect(isAuthorizedCron('Bearer short', 'short')).toBe(false)
    expect(isAuthorizedCron(null, SECRET)).toBe(false)
  })
})
