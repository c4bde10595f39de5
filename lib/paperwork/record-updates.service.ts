import 'server-only'
import { z } from 'zod'
import { dueDateMessage } from '@/lib/journeys/journey.schema'
import { todayIn } from '@/lib/dates/calendar-date'
import { AppError } from '@/lib/errors'
import { dbFailure, notFound, type Db } from '@/lib/server/db'
import { FieldErrors, parseOrFieldErrors } from '@/lib/server/field-errors'
import { RECORD_TARGETS } from './fields'
import { getRequestDetail, type RequestDetail } from './queries'
import { clientChanges, isJsonObject, proposeRecordUpdates, type CurrentRecord, type JsonObject, type ProposedUpdate } from './record-updates'

export const ApplyRecordUpdatesSchema = z.object({
  clientId: z.uuid(),
  requestId: z.uuid(),
  targets: z.array(z.enum(RECORD_TARGETS)).max(RECORD_TARGETS.length),
})
export const DismissRecordUpdatesSchema = z.object({ clientId: z.uuid(), requestId: z.uuid() })

interface Loaded {
  detail: RequestDetail
  record: CurrentRecord
  journeyId: string | null
  partners: JsonObject[]
}

async function load(db: Db, practiceId: string, clientId: string, requestId: string): Promise<Loaded> {
  const [detail, client] = await Promise.all([
    getRequestDetail(db, requestId, practiceId),
    db
      .from('clients')
      .select('preferred_name, pronouns, phone, address, partner_contacts, journeys(id, due_date, created_at)')
      .eq('practice_id', practiceId)
      .eq('id', clientId)
      .order('created_at', { referencedTable: 'journeys', ascending: false })
      .maybeSingle(),
  ])
  if (client.error) throw dbFailure('load this client', client.error)
  if (!detail || !client.data || detail.summary.clientId !== clientId) throw notFound('form')
  const journey = client.data.journeys.find((j) => j.id === detail.journeyId) ?? client.data.journeys[0] ?? null
  const contacts = client.data.partner_contacts
  const partners = Array.isArray(contacts) ? contacts.filter(isJsonObject) : []
  return {
    detail,
    journeyId: journey?.id ?? null,
    partners,
    record: {
      preferredName: client.data.preferred_name,
      pronouns: client.data.pronouns,
      phone: client.data.phone,
      address: isJsonObject(client.data.address) ? client.data.address : {},
      dueDate: journey?.due_date ?? null,
      partner: partners[0] ?? null,
    },
  }
}

/** The changes a submitted intake proposes, until a member applies or dismisses them. */
export async function pendingRecordUpdates(db: Db, practiceId: string, detail: RequestDetail): Promise<ProposedUpdate[]> {
  if (detail.summary.kind !== 'intake' || detail.summary.status !== 'submitted' || detail.recordUpdatesReviewedAt) return []
  const { record } = await load(db, practiceId, detail.summary.clientId, detail.summary.id)
  return proposeRecordUpdates(detail.snapshot.fields, detail.answers, record)
}

async function markReviewed(db: Db, practiceId: string, requestId: string) {
  const { data, error } = await db
    .from('form_requests')
    .update({ record_updates_reviewed_at: new Date().toISOString() })
    .eq('practice_id', practiceId)
    .eq('id', requestId)
    .select('id')
  if (error) throw dbFailure('note that you reviewed these changes', error)
  if (data.length === 0) throw notFound('form')
}

/**
 * Writes the changes the member ticked to the client record (and the due date to her journey),
 * through the member's RLS, then marks the proposals reviewed. Nothing unticked is written.
 */
export async function applyRecordUpdates(db: Db, practice: { practiceId: string; timeZone: string }, input: unknown): Promise<{ applied: number }> {
  const { clientId, requestId, targets } = parseOrFieldErrors(ApplyRecordUpdatesSchema, input)
  const { detail, record, journeyId, partners } = await load(db, practice.practiceId, clientId, requestId)
  if (detail.recordUpdatesReviewedAt) throw new AppError({ code: 'conflict', message: 'These changes were already reviewed.' })
  const proposals = proposeRecordUpdates(detail.snapshot.fields, detail.answers, record)
  const chosen = proposals.filter((p) => targets.includes(p.target))
  if (chosen.length !== targets.length) throw new FieldErrors({ targets: 'Her record changed in the meantime. Reload the page and choose again.' })

  const due = chosen.find((p) => p.target === 'due_date')
  if (due) {
    const message = dueDateMessage(due.value, todayIn(practice.timeZone, new Date()))
    if (message) throw new FieldErrors({ targets: `Due date: ${message}` })
    if (!journeyId) throw new FieldErrors({ targets: 'She has no journey to put a due date on yet: start one first.' })
  }
  const changes = clientChanges(record, chosen)
  const { partner, ...columns } = changes
  const update = { ...columns, ...(partner ? { partner_contacts: [partner, ...partners.slice(1)] } : {}) }
  if (Object.keys(update).length > 0) {
    const { data, error } = await db.from('clients').update(update).eq('practice_id', practice.practiceId).eq('id', clientId).select('id')
    if (error) throw dbFailure('update her record', error)
    if (data.length === 0) throw notFound('client')
  }
  if (due && journeyId) {
    const { data, error } = await db.from('journeys').update({ due_date: due.value }).eq('practice_id', practice.practiceId).eq('id', journeyId).select('id')
    if (error) throw dbFailure('update her due date', error)
    if (data.length === 0) throw notFound('journey')
  }
  await markReviewed(db, practice.practiceId, requestId)
  return { applied: chosen.length }
}

/** Leaves her record as it is and stops proposing these changes. */
export async function dismissRecordUpdates(db: Db, practiceId: string, input: unknown): Promise<void> {
  const { requestId } = parseOrFieldErrors(DismissRecordUpdatesSchema, input)
  await markReviewed(db, practiceId, requestId)
}
