import { describe, expect, it } from 'vitest'
import { checkRows, guessMapping } from '@/lib/clients/import/import.schema'
import { parseCsv } from '@/lib/clients/import/parse-csv'
import { csvRow } from '@/lib/privacy/csv'

describe('parseCsv', () => {
  it('reads back what the export writes: quotes, commas, doubled quotes and line breaks', () => {
    const values = ['plain', 'a, b', 'say "hi"', 'two\r\nlines', '']
    const text = '\uFEFF' + csvRow(values) + csvRow(['x', 'y', 'z', 'w', 'v'])
    expect(parseCsv(text)).toEqual({ ok: true, rows: [values, ['x', 'y', 'z', 'w', 'v']] })
  })

  it('accepts LF line ends and drops blank lines', () => {
    expect(parseCsv('a,b\n\n1,2\n')).toEqual({ ok: true, rows: [['a', 'b'], ['1', '2']] })
  })

  it('refuses an unclosed quote and text after a closing quote', () => {
    expect(parseCsv('a\n"open')).toMatchObject({ ok: false, message: expect.stringMatching(/never closed/) })
    expect(parseCsv('"a"b')).toMatchObject({ ok: false, message: expect.stringMatching(/line 1 has text after/i) })
  })
})

describe('import rows', () => {
  it('guesses columns from common header names, each column once', () => {
    expect(guessMapping(['First Name', 'last_name', 'E-mail', 'Mobile', 'EDD', 'Goes by'])).toEqual({
      firstName: 0, lastName: 1, fullName: null, email: 2, phone: 3, dueDate: 4, preferredName: 5, pronouns: null, status: null, leadSource: null,
    })
  })

  it('turns a US date into a calendar date and a status label into its status', () => {
    const mapping = guessMapping(['Name', 'Due', 'Status'])
    const [row] = checkRows([['Ana Lima', '3/4/2027', 'Booked']], mapping, '2026-12-06', new Set())
    expect(row?.row).toMatchObject({ firstName: 'Ana', lastName: 'Lima', dueDate: '2027-03-04', status: 'booked' })
  })

  it('refuses a due date the client form would refuse', () => {
    const [row] = checkRows([['Ana Lima', '2030-01-01', '']], guessMapping(['Name', 'Due', 'Status']), '2026-12-06', new Set())
    expect(row?.errors).toEqual(['That due date is more than 44 weeks away. Check the month and year.'])
  })
})
