import { z } from 'zod'
import { diffDays, type CalendarDate } from '@/lib/dates/calendar-date'
import { dueDateMessage, JOURNEY_STATUS_LABELS, JOURNEY_STATUSES, type JourneyStatus } from '@/lib/journeys/journey.schema'
import { ClientDetailsSchema } from '../client-details.schema'
import { ClientFormSchema } from '../client.schema'
import { DATE_ORDERS, readDate, spelledDate, type DateOrder } from './read-date'

/** The largest file and the most data rows one import takes. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024
export const MAX_IMPORT_ROWS = 5000

export const IMPORT_FIELDS = ['firstName', 'lastName', 'fullName', 'email', 'phone', 'dueDate', 'preferredName', 'pronouns', 'status', 'leadSource'] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name',
  email: 'Email',
  phone: 'Phone',
  dueDate: 'Due date',
  preferredName: 'Preferred name',
  pronouns: 'Pronouns',
  status: 'Status',
  leadSource: 'Lead source',
}

/** Header names (lower-cased, without spaces, dashes or underscores) each field is guessed from. */
const HEADER_ALIASES: Record<ImportField, readonly string[]> = {
  firstName: ['firstname', 'first', 'givenname', 'forename'],
  lastName: ['lastname', 'last', 'surname', 'familyname'],
  fullName: ['fullname', 'name', 'clientname', 'client'],
  email: ['email', 'emailaddress', 'mail'],
  phone: ['phone', 'phonenumber', 'mobile', 'cell', 'telephone', 'tel'],
  dueDate: ['duedate', 'due', 'edd', 'estimatedduedate'],
  preferredName: ['preferredname', 'nickname', 'goesby'],
  pronouns: ['pronouns', 'pronoun'],
  status: ['status', 'stage'],
  leadSource: ['leadsource', 'source', 'referralsource', 'referral', 'referredby', 'howheard', 'heardfrom'],
}

/** Which column (0-based) each field is read from; null when none. */
export const ImportMappingSchema = z.object(
  Object.fromEntries(IMPORT_FIELDS.map((f) => [f, z.number().int().min(0).max(500).nullable()])) as Record<
    ImportField,
    z.ZodNullable<z.ZodNumber>
  >,
)
export type ImportMapping = z.infer<typeof ImportMappingSchema>

/**
 * What the page sends for a preview and again for the import: the file's text, the mapping, and how
 * numeric day/month dates are written (month first unless the doula says otherwise).
 */
export const ImportRequestSchema = z.object({
  csv: z.string().max(MAX_IMPORT_BYTES, 'That file is larger than 2 MB. Split it into smaller files.'),
  mapping: ImportMappingSchema,
  dateOrder: z.enum(DATE_ORDERS).default('month-first'),
})
export type ImportRequest = z.infer<typeof ImportRequestSchema>

const normalize = (header: string) => header.toLowerCase().replace(/[\s_\-.]/g, '')

/** The mapping guessed from the header row; each column is used at most once. */
export function guessMapping(header: readonly string[]): ImportMapping {
  const names = header.map(normalize)
  const used = new Set<number>()
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as ImportMapping
  for (const field of IMPORT_FIELDS) {
    const index = names.findIndex((n, i) => !used.has(i) && HEADER_ALIASES[field].includes(n))
    if (index >= 0) {
      mapping[field] = index
      used.add(index)
    }
  }
  return mapping
}

/** The mapping's own problems: nothing to name a client from. */
export function mappingProblem(mapping: ImportMapping): string | null {
  if (mapping.firstName === null && mapping.fullName === null) return 'Choose the column that holds the first name or the full name.'
  return null
}

/** The client form's own rules for each field, so a row is judged as if typed into the form. */
const ImportRowSchema = z.object({
  firstName: ClientFormSchema.shape.firstName,
  lastName: ClientFormSchema.shape.lastName,
  preferredName: ClientFormSchema.shape.preferredName,
  pronouns: ClientFormSchema.shape.pronouns,
  email: ClientFormSchema.shape.email,
  phone: ClientFormSchema.shape.phone,
  leadSource: ClientDetailsSchema.shape.leadSource.transform((v) => (v === '' ? null : v)),
})

export interface ImportRow {
  firstName: string
  lastName: string
  preferredName: string | null
  pronouns: string | null
  email: string | null
  phone: string | null
  dueDate: CalendarDate | null
  status: JourneyStatus
  leadSource: string | null
  /** Due more than 6 weeks ago: a client from before the switch, imported without a timeline. */
  pastClient: boolean
}

/** How a row's due date was read, for the preview: as written, as read (null when it could not be), and what follows from it. */
export interface DueDateReading {
  written: string
  read: string | null
  note: string | null
}

/** A data row's verdict: `line` is its line in the file (the header is line 1). */
export type CheckedRow = { line: number; name: string; dueDate: DueDateReading | null } & (
  | { row: ImportRow; errors: [] }
  | { row: null; errors: string[] }
)

/** Past clients come along; a due date further back than this is a typo, not a client. */
export const PAST_CLIENT_MAX_DAYS = 3 * 365

/** The client form's window, widened backwards for past clients; what the date means for the row. */
function judgeDueDate(dueDate: CalendarDate, today: CalendarDate): { error: string } | { pastClient: boolean } {
  const ahead = diffDays(today, dueDate)
  if (ahead < -PAST_CLIENT_MAX_DAYS) return { error: `Due date ${spelledDate(dueDate)} is more than 3 years ago. Check the year.` }
  const message = dueDateMessage(dueDate, today)
  if (message && ahead > 0) return { error: message }
  return { pastClient: message !== null }
}

/** The status a cell names; `fallback` when it is empty. */
function statusOf(value: string, fallback: JourneyStatus): JourneyStatus | null {
  const text = value.trim().toLowerCase()
  if (text === '') return fallback
  return JOURNEY_STATUSES.find((s) => s === text || JOURNEY_STATUS_LABELS[s].toLowerCase() === text) ?? null
}

/**
 * Every data row judged on its own and against the others: the form's field rules, a due date read
 * in `dateOrder` within the form's window or up to 3 years back (a past client, complete unless the
 * file gives a status), a known status, and an email no other row and no existing client of the
 * practice (`existingEmails`, lower-cased) already has.
 */
export function checkRows(
  dataRows: readonly string[][],
  mapping: ImportMapping,
  today: CalendarDate,
  existingEmails: ReadonlySet<string>,
  dateOrder: DateOrder = 'month-first',
): CheckedRow[] {
  const seen = new Map<string, number>()
  return dataRows.map((cells, index) => {
    const line = index + 2
    const cell = (field: ImportField) => {
      const column = mapping[field]
      return column === null ? '' : (cells[column] ?? '').trim()
    }
    let firstName = cell('firstName')
    let lastName = cell('lastName')
    if (!firstName && mapping.fullName !== null) {
      const [first = '', ...rest] = cell('fullName').split(/\s+/)
      firstName = first
      if (!lastName) lastName = rest.join(' ')
    }
    const name = `${firstName} ${lastName}`.trim()
    const errors: string[] = []
    const parsed = ImportRowSchema.safeParse({
      firstName,
      lastName,
      preferredName: cell('preferredName'),
      pronouns: cell('pronouns'),
      email: cell('email'),
      phone: cell('phone'),
      leadSource: cell('leadSource'),
    })
    if (!parsed.success) errors.push(...parsed.error.issues.map((i) => i.message))
    const written = cell('dueDate')
    let dueDate: CalendarDate | null = null
    let read: string | null = null
    let pastClient = false
    if (written) {
      const reading = readDate(written, dateOrder)
      if (!reading.ok) errors.push(reading.message)
      else {
        read = spelledDate(reading.date)
        const verdict = judgeDueDate(reading.date, today)
        if ('error' in verdict) errors.push(verdict.error)
        else {
          dueDate = reading.date
          pastClient = verdict.pastClient
        }
      }
    }
    const status = statusOf(cell('status'), pastClient ? 'complete' : 'lead')
    if (!status) errors.push(`Unknown status "${cell('status')}": use one of ${JOURNEY_STATUSES.map((s) => JOURNEY_STATUS_LABELS[s]).join(', ')}.`)
    const dueDateReading: DueDateReading | null = written
      ? { written, read, note: pastClient && status ? `A past client: imported as ${JOURNEY_STATUS_LABELS[status]}, without a timeline.` : null }
      : null
    const email = parsed.success ? parsed.data.email : null
    if (email) {
      const first = seen.get(email)
      if (first !== undefined) errors.push(`Same email as line ${first} of this file.`)
      else seen.set(email, line)
      if (existingEmails.has(email)) errors.push('A client of your practice already uses this email address.')
    }
    if (errors.length > 0 || !parsed.success || !status) return { line, name, dueDate: dueDateReading, row: null, errors }
    return { line, name, dueDate: dueDateReading, row: { ...parsed.data, dueDate, status, pastClient }, errors: [] }
  })
}
