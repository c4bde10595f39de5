import { describe, expect, it } from 'vitest'
import { formatIn, type DateFormat } from '@/lib/dates/zoned-format'

const TIME: DateFormat = { locale: 'en-US', options: { hour: 'numeric', minute: '2-digit' } }
const DATE: DateFormat = { locale: 'en-CA', options: { year: 'numeric', month: '2-digit', day: '2-digit' } }
const instant = new Date('2026-11-24T23:30:00Z')

describe('formatIn', () => {
  it('formats in the zone it was asked for', () => {
    expect(formatIn(TIME, 'America/Chicago').format(instant)).toBe('5:30 PM')
    expect(formatIn(TIME, 'Europe/Berlin').format(instant)).toBe('12:30 AM')
    expect(formatIn(DATE, 'Europe/Berlin').format(instant)).toBe('2026-11-25')
  })

  it('builds one formatter per format and zone, and reuses it', () => {
    const chicago = formatIn(TIME, 'America/Chicago')
    expect(formatIn(TIME, 'America/Chicago')).toBe(chicago)
    expect(formatIn(TIME, 'Europe/Berlin')).not.toBe(chicago)
    expect(formatIn(DATE, 'America/Chicago')).not.toBe(chicago)
  })

  it('refuses an unknown zone as Intl does, and caches nothing for it', () => {
    expect(() => formatIn(TIME, 'Mars/Olympus')).toThrow(RangeError)
    expect(() => formatIn(TIME, 'Mars/Olympus')).toThrow(RangeError)
  })
})
