import 'server-only'
import { z } from 'zod'
import type { ClientRef } from '@/lib/clients/client.schema'
import { dbFailure, notFound, type Db } from '@/lib/server/db'
import { mergeFieldsIn } from './agreement-text'
import { StoredAnswersSchema } from './answers.schema'
import { FORM_KINDS, FormFieldSchema, SnapshotSchema, type Answers, type FormField, type FormKind, type Snapshot } from './fields'
import type { RequestSummary, SignerRole } from './status'

/**
 * Reads of templates and sent forms. Every query runs under the caller's RLS and names the practice
 * (and the client) as well: the indexes lead with them.
 */

export interface TemplateListItem {
  id: string
  kind: FormKind
  name: string
  version: number
  questions: number
  /** Agreements whose text names {{fee}}: sending one asks for the fee. */
  usesFee: boolean
  archived: boolean
  updatedAt: string
}

export interface Template {
  id: string
  kind: FormKind
  name: string
  description: string
  body: string
  fields: FormField[]
  version: number
  archived: boolean
}

const TemplateRowSchema = z.object({
  id: z.uuid(),
  kind: z.enum(FORM_KINDS),
  name: z.string(),
  description: z.string(),
  body: z.string(),
  fields: z.array(FormFieldSchema),
  version: z.number().int(),
  archived_at: z.string().nullable(),
  updated_at: z.string(),
})

export async function listTemplates(db: Db, practiceId: string): Promise<TemplateListItem[]> {
  const { data, error } = await db
    .from('form_templates')
    .select('id, kind, name, description, body, fields, version, archived_at, updated_at')
    .eq('practice_id', practiceId)
    .order('kind')
    .order('name')
    .limit(200)
  if (error) throw dbFailure('load your forms', error)
  return TemplateRowSchema.array()
    .parse(data)
    .map((t) => ({
      id: t.id,
      kind: t.kind,
      name: t.name,
      version: t.version,
      questions: t.fields.filter((f) => f.type !== 'heading').length,
      usesFee: t.kind === 'agreement' && mergeFieldsIn(t.body).includes('fee'),
      archived: t.archived_at !== null,
      updatedAt: t.updated_at,
    }))
}

export async function getTemplateOrThrow(db: Db, practiceId: string, templateId: string): Promise<Template> {
  const { data, error } = await db
    .from('form_templates')
    .select('id, kind, name, description, body, fields, version, archived_at, updated_at')
    .eq('practice_id', practiceId)
    .eq('id', templateId)
    .maybeSingle()
  if (error) throw dbFailure('load this form', error)
  if (!data) throw notFound('form')
  const t = TemplateRowSchema.parse(data)
  return { id: t.id, kind: t.kind, name: t.name, description: t.description, body: t.body, fields: t.fields, version: t.version, archived: t.archived_at !== null }
}

export const REQUEST_COLUMNS =
  'id, practice_id, client_id, kind, status, template_snapshot, note, due_on, created_at, last_sent_at, send_count, opened_at, started_at, submitted_at, cancelled_at, sealed_at, partner_name'

const RequestRowSchema = z.object({
  id: z.uuid(),
  practice_id: z.uuid(),
  client_id: z.uuid(),
  kind: z.enum(FORM_KINDS),
  status: z.enum(['sent', 'in_progress', 'submitted', 'cancelled']),
  template_snapshot: SnapshotSchema,
  note: z.string().nullable(),
  due_on: z.string().nullable(),
  created_at: z.string(),
  last_sent_at: z.string(),
  send_count: z.number().int(),
  opened_at: z.string().nullable(),
  started_at: z.string().nullable(),
  submitted_at: z.string().nullable(),
  cancelled_at: z.string().nullable(),
  sealed_at: z.string().nullable(),
  partner_name: z.string().nullable(),
})
type RequestRow = z.infer<typeof RequestRowSchema>

const SignatureRowSchema = z.object({
  request_id: z.uuid(),
  role: z.enum(['client', 'practice', 'partner']),
  signed_at: z.string(),
  signer_name: z.string(),
})

function toSummary(row: RequestRow, signatures: z.infer<typeof SignatureRowSchema>[]): RequestSummary {
  return {
    id: row.id,
    clientId: row.client_id,
    kind: row.kind,
    name: row.template_snapshot.name,
    status: row.status,
    note: row.note,
    dueOn: row.due_on,
    createdAt: row.created_at,
    lastSentAt: row.last_sent_at,
    sendCount: row.send_count,
    openedAt: row.opened_at,
    startedAt: row.started_at,
    submittedAt: row.submitted_at,
    cancelledAt: row.cancelled_at,
    sealedAt: row.sealed_at,
    partnerName: row.partner_name,
    signatures: signatures
      .filter((s) => s.request_id === row.id)
      .map((s) => ({ role: s.role as SignerRole, signedAt: s.signed_at, signerName: s.signer_name })),
  }
}

/** Every form sent to one client, newest first (the practice's client page and her portal alike). */
export async function listClientRequests(db: Db, { practiceId, clientId }: ClientRef): Promise<RequestSummary[]> {
  const [requests, signatures] = await Promise.all([
    db.from('form_requests').select(REQUEST_COLUMNS).eq('practice_id', practiceId).eq('client_id', clientId).order('created_at', { ascending: false }).limit(200),
    db.from('form_signatures').select('request_id, role, signed_at, signer_name').eq('practice_id', practiceId).eq('client_id', clientId).order('signed_at').limit(600),
  ])
  if (requests.error) throw dbFailure('load her forms', requests.error)
  if (signatures.error) throw dbFailure('load the signatures', signatures.error)
  const signed = SignatureRowSchema.array().parse(signatures.data)
  return RequestRowSchema.array()
    .parse(requests.data)
    .map((r) => toSummary(r, signed))
}

export interface SignatureDetail {
  role: SignerRole
  signerName: string
  signerEmail: string | null
  signedAt: string
  timeZone: string
  ip: string | null
  userAgent: string | null
  contentSha256: string
  consentText: string
  imagePng: Uint8Array
}

export interface RequestDetail {
  summary: RequestSummary
  practiceId: string
  snapshot: Snapshot
  answers: Answers
  contentSha256: string | null
  submittedIp: string | null
  submittedUserAgent: string | null
  partnerEmail: string | null
  pdfPath: string | null
  pdfSignatures: number | null
  recordUpdatesReviewedAt: string | null
  journeyId: string | null
  signatures: SignatureDetail[]
}

const DetailRowSchema = RequestRowSchema.extend({
  answers: StoredAnswersSchema,
  content_sha256: z.string().nullable(),
  submitted_ip: z.string().nullable(),
  submitted_user_agent: z.string().nullable(),
  partner_email: z.string().nullable(),
  pdf_path: z.string().nullable(),
  pdf_signatures: z.number().int().nullable(),
  record_updates_reviewed_at: z.string().nullable(),
  journey_id: z.uuid().nullable(),
})

const FullSignatureSchema = z.object({
  role: z.enum(['client', 'practice', 'partner']),
  signer_name: z.string(),
  signer_email: z.string().nullable(),
  signed_at: z.string(),
  time_zone: z.string(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  content_sha256: z.string(),
  consent_text: z.string(),
  image_png: z.string(),
})

/** bytea comes back from the API as "\x…" hex. */
export function byteaToBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.replace(/^\\x/, ''), 'hex'))
}
export const bytesToBytea = (bytes: Uint8Array) => `\\x${Buffer.from(bytes).toString('hex')}`

const ROLE_ORDER: Record<SignerRole, number> = { client: 0, practice: 1, partner: 2 }

/**
 * One form with her answers and its signatures, as the caller's RLS shows it: null when it is not
 * hers to see (another practice's, another client's, or no such form).
 */
export async function getRequestDetail(db: Db, requestId: string, practiceId?: string): Promise<RequestDetail | null> {
  let query = db
    .from('form_requests')
    .select(`${REQUEST_COLUMNS}, answers, content_sha256, submitted_ip, submitted_user_agent, partner_email, pdf_path, pdf_signatures, record_updates_reviewed_at, journey_id`)
    .eq('id', requestId)
  if (practiceId) query = query.eq('practice_id', practiceId)
  const { data, error } = await query.maybeSingle()
  if (error) throw dbFailure('load this form', error)
  if (!data) return null
  const row = DetailRowSchema.parse(data)
  const signatures = await db
    .from('form_signatures')
    .select('role, signer_name, signer_email, signed_at, time_zone, ip, user_agent, content_sha256, consent_text, image_png')
    .eq('practice_id', row.practice_id)
    .eq('client_id', row.client_id)
    .eq('request_id', row.id)
  if (signatures.error) throw dbFailure('load the signatures', signatures.error)
  const full = FullSignatureSchema.array()
    .parse(signatures.data)
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role])
  return {
    summary: toSummary(row, full.map((s) => ({ request_id: row.id, role: s.role, signed_at: s.signed_at, signer_name: s.signer_name }))),
    practiceId: row.practice_id,
    snapshot: row.template_snapshot,
    answers: row.answers,
    contentSha256: row.content_sha256,
    submittedIp: row.submitted_ip,
    submittedUserAgent: row.submitted_user_agent,
    partnerEmail: row.partner_email,
    pdfPath: row.pdf_path,
    pdfSignatures: row.pdf_signatures,
    recordUpdatesReviewedAt: row.record_updates_reviewed_at,
    journeyId: row.journey_id,
    signatures: full.map((s) => ({
      role: s.role,
      signerName: s.signer_name,
      signerEmail: s.signer_email,
      signedAt: s.signed_at,
      timeZone: s.time_zone,
      ip: s.ip,
      userAgent: s.user_agent,
      contentSha256: s.content_sha256,
      consentText: s.consent_text,
      imagePng: byteaToBytes(s.image_png),
    })),
  }
}
