import { describe, expect, it } from 'vitest'
import { addInterval } from '../billing.ts'
import { checkCard } from '../cards.ts'
import { parseDuration } from '../clock.ts'
import { parseForm } from '../http.ts'

describe('parseForm', () => {
  it('reads nested objects and indexed or empty-bracket arrays', () => {
    expect(parseForm('a=1&b[c]=2&b[d][0]=x&b[d][1]=y&e[]=p&e[]=q&line_items[0][price]=price_1&line_items[0][quantity]=3')).toEqual({
      a: '1',
      b: { c: '2', d: ['x', 'y'] },
      e: ['p', 'q'],
      line_items: [{ price: 'price_1', quantity: '3' }],
    })
  })
})

describe('parseDuration', () => {
  it('reads d, h, m, s, w and combinations', () => {
    expect(parseDuration('15d')).toBe(15 * 86400)
    expect(parseDuration('36h')).toBe(36 * 3600)
    expect(parseDuration('90m')).toBe(5400)
    expect(parseDuration('1d12h')).toBe(129600)
    expect(parseDuration('2w')).toBe(14 * 86400)
  })
  it('refuses what it cannot read, naming the units', () => {
    expect(() => parseDuration('15')).toThrow(/units: w, d, h, m, s/)
    expect(() => parseDuration('tomorrow')).toThrow(/Cannot read the duration "tomorrow"/)
  })
})

describe('addInterval', () => {
  const at = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 9) / 1000
  it('keeps the day of the month, clamping to the month end', () => {
    expect(addInterval(at(2026, 1, 31), 'month', 1)).toBe(at(2026, 2, 28))
    expect(addInterval(at(2028, 1, 31), 'month', 1)).toBe(at(2028, 2, 29))
    expect(addInterval(at(2026, 3, 15), 'month', 3)).toBe(at(2026, 6, 15))
    expect(addInterval(at(2028, 2, 29), 'year', 1)).toBe(at(2029, 2, 28))
    expect(addInterval(at(2026, 3, 15), 'week', 2)).toBe(at(2026, 3, 29))
  })
})

describe('checkCard', () => {
  const now = Date.UTC(2026, 5, 1) / 1000
  it('accepts the known test cards and refuses other numbers', () => {
    expect(checkCard({ number: '4242 4242 4242 4242', expiry: '06/26', cvc: '123' }, now)).toMatchObject({ ok: true, brand: 'visa', last4: '4242', exp_month: 6, exp_year: 2026 })
    expect(checkCard({ number: '4000-0000-0000-0341', expiry: '1/2030', cvc: '1234' }, now)).toMatchObject({ ok: true, card: { behaviour: 'fails_on_charge' } })
    expect(checkCard({ number: '4111111111111111', expiry: '12/30', cvc: '123' }, now)).toMatchObject({ ok: false, field: 'number' })
    expect(checkCard({ number: '4242424242424242', expiry: '05/26', cvc: '123' }, now)).toMatchObject({ ok: false, field: 'expiry' })
    expect(checkCard({ number: '4242424242424242', expiry: '13/26', cvc: '123' }, now)).toMatchObject({ ok: false, field: 'expiry' })
  })
})
