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

  it('refuses a due date more than 44 weeks ahead', () => {
    const [row] = checkRows([['Ana Lima', '2030-01-01', '']], guessMapping(['Name', 'Due', 'Status']), '2026-12-06', new Set())
    expect(row?.errors).toEqual(['That due date is more than 44 weeks away. Check the month and year.'])
  })

  it('reads numeric dates in the chosen order and says how each was read', () => {
    const mapping = guessMapping(['Name', 'Due'])
    const [us] = checkRows([['Ana Lima', '3/4/2027']], mapping, '2026-12-06', new Set(), 'month-first')
    const [eu] = checkRows([['Ana Lima', '3/4/2027']], mapping, '2026-12-06', new Set(), 'day-first')
    expect(us).toMatchObject({ row: { dueDate: '2027-03-04', pastClient: false }, dueDate: { written: '3/4/2027', read: 'March 4, 2027', note: null } })
    expect(eu).toMatchObject({ row: { dueDate: '2027-04-03' }, dueDate: { read: 'April 3, 2027' } })
  })

  it('makes a date it cannot read a row error naming the value', () => {
    const [row] = checkRows([['Ana Lima', 'next spring']], guessMapping(['Name', 'Due']), '2026-12-06', new Set())
    expect(row).toMatchObject({ row: null, dueDate: { written: 'next spring', read: null } })
    expect(row?.errors).toEqual(['"next spring" is not a date this import can read: write it as 2027-03-14, 3/14/2027 or March 14, 2027.'])
  })

  it('imports past clients as complete unless the file gives a status, and refuses dates over 3 years back', () => {
    const mapping = guessMapping(['Name', 'Due', 'Status'])
    const rows = checkRows(
      [
        ['Six Weeks Ago', '2026-10-25', ''],
        ['Long Past', 'June 1, 2025', ''],
        ['Given Status', '2025-06-01', 'Postpartum'],
        ['Edge Past', '2023-12-07', ''],
        ['Too Old', '2023-12-06', ''],
      ],
      mapping,
      '2026-12-06',
      new Set(),
    )
    expect(rows.map((r) => r.row && { status: r.row.status, pastClient: r.row.pastClient })).toEqual([
      { status: 'lead', pastClient: false },
      { status: 'complete', pastClient: true },
      { status: 'postpartum', pastClient: true },
      { status: 'complete', pastClient: true },
      null,
    ])
    expect(rows[1]?.dueDate?.note).toBe('A past client: imported as Complete, without a timeline.')
    expect(rows[4]?.errors).toEqual(['Due date December 6, 2023 is more than 3 years ago. Check the year.'])
    expect(rows[4]?.dueDate).toEqual({ written: '2023-12-06', read: 'December 6, 2023', note: null })
  })
})
