import { describe, expect, it } from 'vitest'
import { fromWallClock, toWallClock } from '@/lib/dates/zoned-time'

describe('wall-clock time in the practice time zone', () => {
  it('converts both ways on an ordinary day', () => {
    const instant = fromWallClock({ date: '2026-11-30', time: '10:15' }, 'America/Chicago')
    expect(instant?.toISOString()).toBe('2026-11-30T16:15:00.000Z')
    expect(toWallClock(instant!, 'America/Chicago')).toEqual({ date: '2026-11-30', time: '10:15' })
    expect(toWallClock(instant!, 'Europe/Berlin')).toEqual({ date: '2026-11-30', time: '17:15' })
  })

  it('uses the offset of the day itself, before and after a DST change', () => {
    expect(fromWallClock({ date: '2027-03-13', time: '09:00' }, 'America/New_York')?.toISOString()).toBe('2027-03-13T14:00:00.000Z')
    expect(fromWallClock({ date: '2027-03-15', time: '09:00' }, 'America/New_York')?.toISOString()).toBe('2027-03-15T13:00:00.000Z')
  })

  it('refuses the hour skipped when clocks spring forward', () => {
    expect(fromWallClock({ date: '2027-03-14', time: '02:30' }, 'America/New_York')).toBeNull()
    expect(fromWallClock({ date: '2027-03-14', time: '03:00' }, 'America/New_York')?.toISOString()).toBe('2027-03-14T07:00:00.000Z')
  })

  it('picks the first of the two instants in the repeated hour when clocks fall back', () => {
    expect(fromWallClock({ date: '2026-11-01', time: '01:30' }, 'America/New_York')?.toISOString()).toBe('2026-11-01T05:30:00.000Z')
    expect(fromWallClock({ date: '2026-10-25', time: '01:30' }, 'Europe/London')?.toISOString()).toBe('2026-10-25T00:30:00.000Z')
  })

  it('refuses impossible dates and times', () => {
    expect(fromWallClock({ date: '2026-02-30', time: '10:00' }, 'UTC')).toBeNull()
    expect(fromWallClock({ date: '2026-12-01', time: '24:00' }, 'UTC')).toBeNull()
  })
})
