import { describe, expect, it } from 'vitest'
import { readDate, spelledDate } from '@/lib/clients/import/read-date'

describe('readDate', () => {
  it.each([
    ['2027-03-05', '2027-03-05'],
    ['2027/3/5', '2027-03-05'],
    ['2027.03.05', '2027-03-05'],
    ['March 5, 2027', '2027-03-05'],
    ['march 5 2027', '2027-03-05'],
    ['Mar 5 2027', '2027-03-05'],
    ['Mar. 5th, 2027', '2027-03-05'],
    ['Sept 30, 2027', '2027-09-30'],
    ['5 March 2027', '2027-03-05'],
    ['5 Mar 2027', '2027-03-05'],
    ['5th of March 2027', '2027-03-05'],
    ['Friday, March 5, 2027', '2027-03-05'],
    ['Fri 5 March 2027', '2027-03-05'],
    ['Fri,  5  Mar  2027', '2027-03-05'],
  ])('reads the unambiguous %s whatever the order', (written, date) => {
    expect(readDate(written, 'month-first')).toEqual({ ok: true, date })
    expect(readDate(written, 'day-first')).toEqual({ ok: true, date })
  })

  it('reads numeric day/month dates in the order the doula chose', () => {
    expect(readDate('3/5/2027', 'month-first')).toEqual({ ok: true, date: '2027-03-05' })
    expect(readDate('3/5/2027', 'day-first')).toEqual({ ok: true, date: '2027-05-03' })
    expect(readDate('05.03.2027', 'day-first')).toEqual({ ok: true, date: '2027-03-05' })
    expect(readDate('14-3-2027', 'day-first')).toEqual({ ok: true, date: '2027-03-14' })
  })

  it('names the value it cannot read, and never guesses', () => {
    expect(readDate('14/3/2027', 'month-first')).toEqual({ ok: false, message: '"14/3/2027" is not a real date.' })
    expect(readDate('2027-02-30', 'month-first')).toEqual({ ok: false, message: '"2027-02-30" is not a real date.' })
    expect(readDate('3/5/27', 'month-first')).toEqual({ ok: false, message: '"3/5/27" has a two-digit year: write the year in full (2027).' })
    for (const value of ['soon', 'Marchember 5, 2027', 'Ma 5 2027', '5 2027', '2027-03']) {
      expect(readDate(value, 'month-first')).toEqual({ ok: false, message: expect.stringContaining(`"${value}" is not a date this import can read`) })
    }
  })

  it('refuses a weekday that does not fit the date', () => {
    expect(readDate('Monday, March 5, 2027', 'month-first')).toEqual({ ok: false, message: '"Monday, March 5, 2027": that date is not a Monday. Check the day.' })
  })

  it('spells a date the same way whatever order it was read in', () => {
    expect(spelledDate('2027-03-05')).toBe('March 5, 2027')
    expect(spelledDate('2026-12-31')).toBe('December 31, 2026')
  })
})
