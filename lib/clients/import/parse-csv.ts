/**
 * CSV as RFC 4180 describes it (quoted fields may hold commas, doubled quotes and line breaks; rows
 * end in CRLF or LF), the reading side of lib/privacy/csv. A file that cannot be read (an unclosed
 * quote, text after a closing quote) is an error, never a guess. Blank lines are dropped.
 */
export type CsvParseResult = { ok: true; rows: string[][] } | { ok: false; message: string }

export function parseCsv(text: string): CsvParseResult {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let afterQuote = false
  let line = 1
  const endRow = () => {
    row.push(field)
    if (row.length > 1 || row[0] !== '') rows.push(row)
    row = []
    field = ''
    afterQuote = false
  }
  for (let i = 0; i < input.length; i += 1) {
    const c = input[i]
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"'
        i += 1
      } else if (c === '"') {
        quoted = false
        afterQuote = true
      } else {
        if (c === '\n') line += 1
        field += c
      }
    } else if (c === ',') {
      row.push(field)
      field = ''
      afterQuote = false
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i += 1
      endRow()
      line += 1
    } else if (afterQuote) {
      return { ok: false, message: `Line ${line} has text after a closing quote. Check the file is saved as CSV.` }
    } else if (c === '"' && field === '') {
      quoted = true
    } else {
      field += c
    }
  }
  if (quoted) return { ok: false, message: `A quoted field that starts on or before line ${line} is never closed. Check the file is saved as CSV.` }
  if (field !== '' || row.length > 0) endRow()
  return { ok: true, rows }
}
