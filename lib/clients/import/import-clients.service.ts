import 'server-only'
import { todayIn } from '@/lib/dates/calendar-date'
import { billingRefusal } from '@/lib/billing/write-refusals'
import { AppError } from '@/lib/errors'
import { generatedMilestone, listTemplate } from '@/lib/milestones/template.service'
import type { PracticeSettings } from '@/lib/practice/settings'
import { planMilestones } from '@/lib/pregnancy/milestones'
import { dbFailure, notFound, PG_ERROR, type Db } from '@/lib/server/db'
import { checkRows, guessMapping, ImportRequestSchema, MAX_IMPORT_ROWS, mappingProblem, type CheckedRow, type ImportMapping } from './import.schema'
import { parseCsv } from './parse-csv'
import type { DateOrder } from './read-date'

export interface ImportCheck {
  header: string[]
  mapping: ImportMapping
  dateOrder: DateOrder
  rows: CheckedRow[]
}

const invalid = (message: string) => new AppError({ code: 'validation', message })

/** Existing clients' emails among `emails`, asked in batches so a 5,000-row file stays within URL limits. */
async function existingEmails(db: Db, practiceId: string, emails: string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (let i = 0; i < emails.length; i += 200) {
    const { data, error } = await db.from('clients').select('email').eq('practice_id', practiceId).in('email', emails.slice(i, i + 200))
    if (error) throw dbFailure('check the email addresses', error)
    for (const r of data) if (r.email) found.add(r.email)
  }
  return found
}

/**
 * Reads and judges a file: its text and mapping from `input` (a null mapping means "guess it from
 * the header"). Preview and import both start here, so the import never trusts what a preview said.
 */
export async function checkImport(db: Db, practice: PracticeSettings, input: unknown): Promise<ImportCheck> {
  const request = ImportRequestSchema.extend({ mapping: ImportRequestSchema.shape.mapping.nullable() }).safeParse(input)
  if (!request.success) throw invalid(request.error.issues[0]?.message ?? 'That file could not be read.')
  const parsed = parseCsv(request.data.csv)
  if (!parsed.ok) throw invalid(parsed.message)
  const [header, ...dataRows] = parsed.rows
  if (!header || dataRows.length === 0) throw invalid('That file has no rows under its header row.')
  if (dataRows.length > MAX_IMPORT_ROWS) throw invalid(`That file has ${dataRows.length} rows; at most ${MAX_IMPORT_ROWS} can be imported at once. Split it into smaller files.`)
  const mapping = request.data.mapping ?? guessMapping(header)
  if (Object.values(mapping).some((column) => column !== null && column >= header.length)) throw invalid('Choose columns that exist in this file.')
  const problem = mappingProblem(mapping)
  if (problem) throw invalid(problem)
  const emails = mapping.email === null ? [] : [...new Set(dataRows.map((r) => (r[mapping.email!] ?? '').trim().toLowerCase()).filter(Boolean))]
  const existing = await existingEmails(db, practice.id, emails)
  return { header, mapping, dateOrder: request.data.dateOrder, rows: checkRows(dataRows, mapping, todayIn(practice.timeZone, new Date()), existing, request.data.dateOrder) }
}

/** Imports every valid row of the file as a client with her first journey, all in one transaction. */
export async function importClients(db: Db, practice: PracticeSettings, input: unknown): Promise<ImportCheck & { imported: number }> {
  const check = await checkImport(db, practice, input)
  const valid = check.rows.flatMap((r) => (r.row ? [r.row] : []))
  if (valid.length === 0) throw invalid('No row of this file can be imported: fix the problems listed and try again.')
  const template = await listTemplate(db, practice.id)
  const { data, error } = await db.rpc('import_clients', {
    p_practice_id: practice.id,
    p_rows: valid.map((r) => ({
      first_name: r.firstName,
      last_name: r.lastName,
      preferred_name: r.preferredName,
      pronouns: r.pronouns,
      email: r.email,
      phone: r.phone,
      due_date: r.dueDate,
      status: r.status,
      lead_source: r.leadSource,
      // A past client's timeline would be nothing but overdue steps.
      milestones: r.dueDate && !r.pastClient
        ? planMilestones(r.dueDate, template).map(generatedMilestone)
        : [],
    })),
  })
  if (error?.code === PG_ERROR.uniqueViolation) throw new AppError({ code: 'conflict', message: 'A client with one of these email addresses was just added. Check the file again and import it.' })
  const refused = billingRefusal(error)
  if (refused) throw refused
  // Any member may add clients, so RLS refusing the insert means the practice is not hers.
  if (error?.code === PG_ERROR.insufficientPrivilege) throw notFound('practice')
  if (error) throw dbFailure('import these clients', error)
  return { ...check, imported: data }
}
