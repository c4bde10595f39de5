import { z } from 'zod'
import type { CalendarDate } from '@/lib/dates/calendar-date'
import { dueDateMessage, JOURNEY_STATUS_LABELS, JOURNEY_STATUSES, type JourneyStatus } from '@/lib/journeys/journey.schema'
import { ClientDetailsSchema } from '../client-details.schema'
import { ClientFormSchema } from '../client.schema'

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

/** What the page sends for a preview and again for the import: the file's text and the mapping. */
export const ImportRequestSchema = z.object({
  csv: z.string().max(MAX_IMPORT_BYTES, 'That file is larger than 2 MB. Split it into smaller files.'),
  mapping: ImportMappingSchema,
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
  dueDate: ClientFormSchema.shape.dueDate,
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
}

/** A data row's verdict: `line` is its line in the file (the header is line 1). */
export type CheckedRow = { line: number; name: string; row: ImportRow; errors: [] } | { line: number; name: string; row: null; errors: string[] }

/** 2027-03-14 as it is, and the US spreadsheet form 3/14/2027 turned into it; anything else unchanged (and refused). */
function isoDate(value: string): string {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim())
  if (!us) return value
  const [, month = '', day = '', year = ''] = us
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
}

function statusOf(value: string): JourneyStatus | null {
  const text = value.trim().toLowerCase()
  if (text === '') return 'lead'
  return JOURNEY_STATUSES.find((s) => s === text || JOURNEY_STATUS_LABELS[s].toLowerCase() === text) ?? null
}

/**
 * Every data row judged on its own and against the others: the form's field rules, a due date the
 * form would accept today, a known status, and an email no other row and no existing client of the
 * practice (`existingEmails`, lower-cased) already has.
 */
export function checkRows(dataRows: readonly string[][], mapping: ImportMapping, today: CalendarDate, existingEmails: ReadonlySet<string>): CheckedRow[] {
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
      dueDate: isoDate(cell('dueDate')),
      leadSource: cell('leadSource'),
    })
    if (!parsed.success) errors.push(...parsed.error.issues.map((i) => i.message))
    const status = statusOf(cell('status'))
    if (!status) errors.push(`Unknown status "${cell('status')}": use one of ${JOURNEY_STATUSES.map((s) => JOURNEY_STATUS_LABELS[s]).join(', ')}.`)
    if (parsed.success && parsed.data.dueDate) {
      const message = dueDateMessage(parsed.data.dueDate, today)
      if (message) errors.push(message)
    }
    const email = parsed.success ? parsed.data.email : null
    if (email) {
      const first = seen.get(email)
      if (first !== undefined) errors.push(`Same email as line ${first} of this file.`)
      else seen.set(email, line)
      if (existingEmails.has(email)) errors.push('A client of your practice already uses this email address.')
    }
    if (errors.length > 0 || !parsed.success || !status) return { line, name, row: null, errors }
    return { line, name, row: { ...parsed.data, status }, errors: [] }
  })
}
