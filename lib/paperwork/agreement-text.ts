/**
 * An agreement's text: a small markup that reads well as plain text, is rendered the same way in the
 * builder's preview, the portal and the PDF, and can carry no HTML or script.
 *
 *   # Title                     a heading (## for a smaller one)
 *   - item                      a bulleted list (consecutive lines)
 *   **bold** and *italic*       inline emphasis
 *   a blank line                starts a new paragraph
 *   {{client.full_name}}        a merge field, filled in when the agreement is sent
 */

export const MERGE_FIELDS = {
  'client.full_name': { label: 'Client’s full name', example: 'Olivia Bennett' },
  'client.first_name': { label: 'Client’s first name', example: 'Olivia' },
  'client.email': { label: 'Client’s email', example: 'olivia@example.com' },
  'client.phone': { label: 'Client’s phone', example: '+1 555 0100' },
  'journey.due_date': { label: 'Her due date', example: 'March 14, 2027' },
  'practice.name': { label: 'Your practice’s name', example: 'Harbor Doula Collective' },
  'doula.name': { label: 'Her primary doula', example: 'Maya Rivera' },
  fee: { label: 'The fee (entered when you send it)', example: '$1,800' },
  today: { label: 'The date it is sent', example: 'November 24, 2026' },
} as const
export type MergeField = keyof typeof MERGE_FIELDS
export const MERGE_FIELD_NAMES = Object.keys(MERGE_FIELDS) as MergeField[]

const MERGE_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g

export const isMergeField = (name: string): name is MergeField => Object.hasOwn(MERGE_FIELDS, name)

/** The merge fields a text uses, in order of first use. */
export function mergeFieldsIn(text: string): string[] {
  const seen = new Set<string>()
  for (const match of text.matchAll(MERGE_PATTERN)) seen.add(match[1] ?? '')
  return [...seen]
}

export const unknownMergeFields = (text: string) => mergeFieldsIn(text).filter((name) => !isMergeField(name))

/** Fills every known merge field; a value that is missing reads as an honest blank line. */
export function fillMergeFields(text: string, values: Partial<Record<MergeField, string>>): string {
  return text.replace(MERGE_PATTERN, (whole, name: string) => {
    if (!isMergeField(name)) return whole
    const value = values[name]?.trim()
    return value ? value : '________'
  })
}

export interface Run {
  text: string
  bold: boolean
  italic: boolean
}
export type Block =
  | { type: 'heading'; level: 1 | 2; runs: Run[] }
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'list'; items: Run[][] }

/** Splits a line into runs of **bold**, *italic* and plain text; unmatched markers stay as text. */
export function parseInline(line: string): Run[] {
  const runs: Run[] = []
  const pattern = /\*\*(.+?)\*\*|\*(.+?)\*/g
  let last = 0
  for (const match of line.matchAll(pattern)) {
    if (match.index > last) runs.push({ text: line.slice(last, match.index), bold: false, italic: false })
    if (match[1] !== undefined) runs.push({ text: match[1], bold: true, italic: false })
    else runs.push({ text: match[2] ?? '', bold: false, italic: true })
    last = match.index + match[0].length
  }
  if (last < line.length) runs.push({ text: line.slice(last), bold: false, italic: false })
  return runs
}

/** The text as blocks, for every renderer. */
export function parseAgreement(text: string): Block[] {
  const blocks: Block[] = []
  let paragraph: string[] = []
  let list: string[] = []
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', runs: parseInline(paragraph.join(' ')) })
    if (list.length > 0) blocks.push({ type: 'list', items: list.map(parseInline) })
    paragraph = []
    list = []
  }
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim()
    const heading = /^(#{1,2})\s+(.*)$/.exec(line)
    const item = /^[-*]\s+(.*)$/.exec(line)
    if (line === '') {
      flush()
    } else if (heading) {
      flush()
      blocks.push({ type: 'heading', level: heading[1] === '#' ? 1 : 2, runs: parseInline(heading[2] ?? '') })
    } else if (item) {
      if (paragraph.length > 0) flush()
      list.push(item[1] ?? '')
    } else {
      if (list.length > 0) flush()
      paragraph.push(line)
    }
  }
  flush()
  return blocks
}
