/**
 * CSV as RFC 4180 writes it (CRLF rows, fields quoted when they hold a comma, quote, CR or LF),
 * plus one hazard: spreadsheet apps run a cell that starts with = + - @ TAB or CR as a formula,
 * so such text cells get a leading apostrophe (OWASP's CSV-injection advice). Numbers and
 * booleans are written as they are, so a negative number stays a number.
 */

const FORMULA_START = /^[=+\-@\t\r]/

export type CsvValue = string | number | boolean | bigint | null | undefined | object

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  let text: string
  if (typeof value === 'string') text = FORMULA_START.test(value) ? `'${value}` : value
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value)
  else text = JSON.stringify(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + '\r\n'
}
