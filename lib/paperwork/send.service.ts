import 'server-only'
import { addDays, todayIn } from '@/lib/dates/calendar-date'
import { AppError } from '@/lib/errors'
import { clientDisplayName } from '@/lib/messages/names'
import { dbFailure, notFound, PG_ERROR, type Db } from '@/lib/server/db'
import { FieldErrors, parseOrFieldErrors } from '@/lib/server/field-errors'
import type { Membership } from '@/lib/server/membership'
import { fillMergeFields, mergeFieldsIn, type MergeField } from './agreement-text'
import { formatLongDate, type Snapshot } from './fields'
import { getTemplateOrThrow } from './queries'
import { RequestRefSchema, SendFormSchema } from './send.schema'

/** An agreement is never sent with a blank where her record has no value for a merge field it names. */
const MISSING_VALUE_MESSAGES: [MergeField, string][] = [
  ['doula.name', 'This agreement names her primary doula, and she has none yet: choose one on her overview first.'],
  ['journey.due_date', 'This agreement names her due date, and her record has none yet: add it first.'],
  ['client.phone', 'This agreement names her phone number, and her record has none yet: add it first.'],
]

/** A due date further out than this is almost certainly a typo. */
const MAX_DUE_DAYS = 366

interface Recipient {
  id: string
  first_name: string
  last_name: string
  preferred_name: string | null
  email: string | null
  phone: string | null
  portal_user_id: string | null
  journeys: { id: string; due_date: string | null; primary_doula_id: string | null; created_at: string }[]
}

async function loadRecipient(db: Db, practiceId: string, clientId: string): Promise<Recipient> {
  const { data, error } = await db
    .from('clients')
    .select('id, first_name, last_name, preferred_name, email, phone, portal_user_id, journeys(id, due_date, primary_doula_id, created_at)')
    .eq('practice_id', practiceId)
    .eq('id', clientId)
    .order('created_at', { referencedTable: 'journeys', ascending: false })
    .maybeSingle()
  if (error) throw dbFailure('load this client', error)
  if (!data) throw notFound('client')
  return data
}

async function memberName(db: Db, practiceId: string, userId: string | null): Promise<string> {
  if (!userId) return ''
  const { data, error } = await db.rpc('list_practice_team', { p_practice_id: practiceId })
  if (error) throw dbFailure('load the team', error)
  return data.find((m) => m.user_id === userId)?.full_name ?? ''
}

/**
 * Sends a form or agreement to a client of the practice (any member). The template is frozen into
 * the request: an agreement's merge fields are filled in here, so what she reads, signs and gets as
 * a PDF is exactly this text. The insert queues her email in the same transaction.
 */
export async function sendForm(db: Db, practice: Pick<Membership, 'practiceId' | 'practiceName' | 'settings'>, input: unknown, now = new Date()) {
  const s = parseOrFieldErrors(SendFormSchema, input)
  const [template, client] = await Promise.all([
    getTemplateOrThrow(db, practice.practiceId, s.templateId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') throw new FieldErrors({ templateId: 'Choose a form from the list.' })
      throw error
    }),
    loadRecipient(db, practice.practiceId, s.clientId),
  ])
  if (template.archived) throw new FieldErrors({ templateId: 'This form is archived. Choose another one.' })
  if (!client.portal_user_id || !client.email) {
    throw new AppError({ code: 'validation', message: 'Invite her to the portal first: forms are filled in there.' })
  }
  const today = todayIn(practice.settings.timeZone, now)
  if (s.dueOn !== '' && (s.dueOn < today || s.dueOn > addDays(today, MAX_DUE_DAYS))) {
    throw new FieldErrors({ dueOn: s.dueOn < today ? 'Choose today or a later date.' : 'Choose a date within a year.' })
  }
  const journey = client.journeys[0] ?? null
  let body = ''
  if (template.kind === 'agreement') {
    const used = new Set(mergeFieldsIn(template.body))
    if (used.has('fee') && s.fee === '') throw new FieldErrors({ fee: 'This agreement names the fee: enter it.' })
    const values: Record<MergeField, string> = {
      'client.full_name': [client.first_name, client.last_name].filter(Boolean).join(' '),
      'client.first_name': clientDisplayName(client),
      'client.email': client.email,
      'client.phone': client.phone ?? '',
      'journey.due_date': journey?.due_date ? formatLongDate(journey.due_date) : '',
      'practice.name': practice.practiceName,
      'doula.name': used.has('doula.name') ? await memberName(db, practice.practiceId, journey?.primary_doula_id ?? null) : '',
      fee: s.fee,
      today: formatLongDate(today),
    }
    const missing = MISSING_VALUE_MESSAGES.find(([name]) => used.has(name) && values[name] === '')
    if (missing) throw new AppError({ code: 'validation', message: missing[1] })
    body = fillMergeFields(template.body, values)
  } else if (s.partnerEmail !== '') {
    throw new FieldErrors({ partnerEmail: 'Only agreements are signed by a partner.' })
  }
  const snapshot: Snapshot = {
    templateId: template.id,
    name: template.name,
    kind: template.kind,
    version: template.version,
    description: template.description,
    fields: template.fields,
    body,
  }
  const { data, error } = await db
    .from('form_requests')
    .insert({
      practice_id: practice.practiceId,
      client_id: client.id,
      journey_id: journey?.id ?? null,
      template_id: template.id,
      kind: template.kind,
      template_snapshot: snapshot,
      note: s.note || null,
      due_on: s.dueOn || null,
      partner_name: s.partnerName || null,
      partner_email: s.partnerEmail || null,
    })
    .select('id')
    .single()
  if (error) throw dbFailure('send this form', error)
  return { requestId: data.id }
}

const HINT_MESSAGES: Record<string, string> = {
  not_open: 'She has already submitted it (or it was cancelled), so it cannot be changed now.',
  too_soon: 'It was sent less than ten minutes ago. Give her a little time before sending it again.',
  too_many: 'It has been sent 20 times already.',
}

function refusedChange(error: { code: string; hint?: string | null }, what: string): AppError {
  if (error.code === 'P0002') return notFound('form')
  if (error.hint && Object.hasOwn(HINT_MESSAGES, error.hint)) return new AppError({ code: 'conflict', message: HINT_MESSAGES[error.hint]! })
  if (error.code === PG_ERROR.insufficientPrivilege) return new AppError({ code: 'forbidden', message: 'You cannot change this form.' })
  return dbFailure(what, error)
}

/** Cancels an open form: she can no longer fill it in and no reminder goes out. */
export async function cancelForm(db: Db, input: unknown): Promise<void> {
  const { requestId } = parseOrFieldErrors(RequestRefSchema, input)
  const { error } = await db.rpc('cancel_form_request', { p_request_id: requestId })
  if (error) throw refusedChange(error, 'cancel this form')
}

/** Emails her the link again (not within ten minutes of the last send). */
export async function resendForm(db: Db, input: unknown): Promise<void> {
  const { requestId } = parseOrFieldErrors(RequestRefSchema, input)
  const { error } = await db.rpc('resend_form_request', { p_request_id: requestId })
  if (error) throw refusedChange(error, 'send this form again')
}
