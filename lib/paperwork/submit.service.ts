import 'server-only'
import type { z } from 'zod'
import type { Database } from '@/lib/database.types'
import { AppError } from '@/lib/errors'
import { dbFailure, notFound, type Db } from '@/lib/server/db'
import { FieldErrors, parseOrFieldErrors } from '@/lib/server/field-errors'
import { buildAnswersSchema, UNKNOWN_FIELD_MESSAGE, type AnswerMode } from './answers.schema'
import { contentSha256 } from './content-hash'
import type { RequestMeta } from '@/lib/security/client-ip'
import type { Answers } from './fields'
import { refreshFormPdf } from './pdf/store'
import { bytesToBytea, getRequestDetail, type RequestDetail } from './queries'
import { ESIGN_CONSENT, pngBytes } from './signature.schema'
import { ClientSignSchema, CountersignSchema, DraftSchema, PartnerSignSchema, SubmitSchema } from './submit.schema'

export interface Signer {
  id: string
  email: string | null
}

/** Her answers judged by the form's own schema; every problem comes back on its field. */
export function parseAnswers(detail: RequestDetail, answers: unknown, mode: AnswerMode): Answers {
  const result = buildAnswersSchema(detail.snapshot.fields, mode).safeParse(answers)
  if (result.success) return result.data
  const fields: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? `answers.${String(issue.path[0])}` : 'form'
    fields[key] ??= issue.code === 'unrecognized_keys' ? UNKNOWN_FIELD_MESSAGE : issue.message
  }
  throw new FieldErrors(fields)
}

const REFUSALS: Record<string, { code: AppError['code']; message: string }> = {
  cancelled: { code: 'conflict', message: 'The practice cancelled this form, so it can no longer be filled in.' },
  submitted: { code: 'conflict', message: 'This form was already submitted.' },
  sealed: { code: 'conflict', message: 'This agreement is already signed by everyone.' },
  out_of_order: { code: 'conflict', message: 'It is not this signature’s turn yet.' },
  not_allowed: { code: 'forbidden', message: 'Your practice’s setting says someone else countersigns this agreement.' },
  no_partner: { code: 'conflict', message: 'No partner was asked to sign this agreement.' },
}

/** A refusal of the database's submission and signing functions, as the person should read it. */
function refused(error: { code: string; hint?: string | null; message: string }, what: string): AppError {
  if (error.hint === 'not_yours' || error.code === 'P0002') return notFound('form')
  if (error.hint === 'unknown_field') return new FieldErrors({ form: UNKNOWN_FIELD_MESSAGE })
  const known = error.hint && Object.hasOwn(REFUSALS, error.hint) ? REFUSALS[error.hint] : undefined
  return known ? new AppError(known) : dbFailure(what, error)
}

async function openDetail(db: Db, requestId: string): Promise<RequestDetail> {
  const detail = await getRequestDetail(db, requestId)
  if (!detail) throw notFound('form')
  return detail
}

function ensureOpen(detail: RequestDetail) {
  if (detail.summary.status === 'cancelled') throw new AppError(REFUSALS.cancelled!)
  if (detail.summary.status === 'submitted') throw new AppError(REFUSALS.submitted!)
}

/**
 * Saves her draft through her own RLS (only the answers column, only while the form is open; the
 * database moves it to in progress). Half-typed answers are kept as they are; only their shape is
 * checked here, everything else when she submits.
 */
export async function saveDraft(db: Db, input: unknown): Promise<{ savedAt: string }> {
  const { requestId, answers } = parseOrFieldErrors(DraftSchema, input)
  const detail = await openDetail(db, requestId)
  ensureOpen(detail)
  const draft = parseAnswers(detail, answers, 'draft')
  const { data, error } = await db
    .from('form_requests')
    .update({ answers: draft })
    .eq('practice_id', detail.practiceId)
    .eq('client_id', detail.summary.clientId)
    .eq('id', requestId)
    .select('updated_at')
  if (error) throw refused(error, 'save your answers')
  const row = data[0]
  // RLS let her read the row but not change it: it was submitted or cancelled in the meantime.
  if (!row) throw new AppError({ code: 'conflict', message: 'This form can no longer be changed. Reload the page to see where it stands.' })
  return { savedAt: row.updated_at }
}

function signatureImage(signature: string): string {
  const bytes = pngBytes(signature)
  if (!bytes) throw new FieldErrors({ signature: 'The signature must be a PNG image drawn in the box. Clear it and sign again.' })
  return bytesToBytea(bytes)
}

/**
 * Submits an intake form. Her RLS-checked read proves the form is one she may see; the answers are
 * judged in full; then the service-role function records the submission (it checks again that the
 * form is hers, by her verified user id) with the content hash, IP and browser.
 */
export async function submitIntake(db: Db, admin: Db, signer: Signer, evidence: RequestMeta, input: unknown): Promise<void> {
  const { requestId, answers } = parseOrFieldErrors(SubmitSchema, input)
  const detail = await openDetail(db, requestId)
  if (detail.summary.kind !== 'intake') throw new AppError({ code: 'validation', message: 'An agreement is submitted by signing it.' })
  ensureOpen(detail)
  const final = parseAnswers(detail, answers, 'submit')
  const { error } = await admin.rpc('submit_form_request', {
    p_request_id: requestId,
    p_user_id: signer.id,
    p_answers: final,
    p_content_sha256: contentSha256(requestId, detail.snapshot, final),
    p_ip: evidence.ip,
    p_user_agent: evidence.userAgent ?? '',
  })
  if (error) throw refused(error, 'submit your answers')
  await refreshFormPdf(admin, requestId)
}

type SignArgs = Database['public']['Functions']['sign_form_request']['Args']

/**
 * Records one signature through the database's signing function (which checks the order, who may
 * sign and the partner's token, and seals after the last), then re-renders the PDF. What every
 * signature carries is set here once: the drawn image, the consent she accepted and the evidence.
 */
async function recordSignature(
  admin: Db,
  evidence: RequestMeta,
  signature: { typedName: string; signature: string },
  args: Pick<SignArgs, 'p_request_id' | 'p_role' | 'p_signer_email'> & Partial<SignArgs>,
  what: string,
): Promise<void> {
  const { error } = await admin.rpc('sign_form_request', {
    ...args,
    p_signer_name: signature.typedName,
    p_image_png: signatureImage(signature.signature),
    p_consent_text: ESIGN_CONSENT,
    p_ip: evidence.ip,
    p_user_agent: evidence.userAgent ?? '',
  })
  if (error) throw refused(error, what)
  await refreshFormPdf(admin, args.p_request_id)
}

type SignatureFields = z.output<typeof ClientSignSchema>

/** She signs an agreement: her answers, typed and drawn signature and consent, in one transaction. */
export async function signAsClient(db: Db, admin: Db, signer: Signer, evidence: RequestMeta, input: unknown): Promise<void> {
  const s: SignatureFields = parseOrFieldErrors(ClientSignSchema, input)
  const detail = await openDetail(db, s.requestId)
  if (detail.summary.kind !== 'agreement') throw new AppError({ code: 'validation', message: 'This form is submitted, not signed.' })
  ensureOpen(detail)
  const final = parseAnswers(detail, s.answers, 'submit')
  await recordSignature(
    admin,
    evidence,
    s,
    {
      p_request_id: s.requestId,
      p_role: 'client',
      p_signer_user_id: signer.id,
      p_signer_email: signer.email ?? '',
      p_answers: final,
      p_content_sha256: contentSha256(s.requestId, detail.snapshot, final),
    },
    'record your signature',
  )
}

/** The practice's countersignature, by a member the practice's setting allows (the database decides). */
export async function countersign(db: Db, admin: Db, signer: Signer, evidence: RequestMeta, practiceId: string, input: unknown): Promise<void> {
  const s = parseOrFieldErrors(CountersignSchema, input)
  const detail = await getRequestDetail(db, s.requestId, practiceId)
  if (!detail || detail.summary.clientId !== s.clientId) throw notFound('form')
  await recordSignature(
    admin,
    evidence,
    s,
    { p_request_id: s.requestId, p_role: 'practice', p_signer_user_id: signer.id, p_signer_email: signer.email ?? '' },
    'record your countersignature',
  )
}

/** The agreement a partner's link opens, or null when the link is unknown or expired. */
export async function requestForPartnerToken(admin: Db, token: string): Promise<RequestDetail | null> {
  const { data, error } = await admin.rpc('form_request_for_partner', { p_token: token })
  if (error) throw dbFailure('open this signing link', error)
  return data ? getRequestDetail(admin, data) : null
}

/** The partner signs through her link: the database checks the token again as it records the signature. */
export async function signAsPartner(admin: Db, evidence: RequestMeta, input: unknown): Promise<{ requestId: string }> {
  const s = parseOrFieldErrors(PartnerSignSchema, input)
  const detail = await requestForPartnerToken(admin, s.token)
  if (!detail) throw new AppError({ code: 'not_found', message: 'This signing link is not valid any more. Ask the practice for a new one.' })
  await recordSignature(
    admin,
    evidence,
    s,
    { p_request_id: detail.summary.id, p_role: 'partner', p_signer_email: detail.partnerEmail ?? '', p_partner_token: s.token },
    'record your signature',
  )
  return { requestId: detail.summary.id }
}
