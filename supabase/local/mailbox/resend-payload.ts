import type { NewMail, StoredAttachment } from './store.ts'
import { invalidField, missingField, resendError, type ResendError } from './resend-errors.ts'

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ResendError }

const MAX_RECIPIENTS = 50
const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/
const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/
const FORMAT_HINT = 'The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.'

type Body = Record<string, unknown>

/** Thrown inside this module only; parseEmail turns it into a `Parsed` failure. */
class Invalid extends Error {
  constructor(readonly error: ResendError) {
    super(error.message)
  }
}

const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v)
const absent = (v: unknown) => v === undefined || v === null

/** The bare address of `a@b.c` or `Name <a@b.c>`, lower-cased, or undefined when malformed. */
export function addressOf(value: string): string | undefined {
  const trimmed = value.trim()
  const open = trimmed.lastIndexOf('<')
  const named = trimmed.endsWith('>') && open !== -1 && !trimmed.slice(0, open).includes('>')
  const bare = named ? trimmed.slice(open + 1, -1).trim() : trimmed
  return ADDRESS.test(bare) ? bare.toLowerCase() : undefined
}

function addressList(body: Body, field: string): string[] | undefined {
  const raw = body[field]
  if (absent(raw) || raw === '' || (Array.isArray(raw) && raw.length === 0)) return undefined
  const list: unknown[] = Array.isArray(raw) ? raw : [raw]
  if (!list.every((v): v is string => typeof v === 'string' && addressOf(v) !== undefined)) {
    throw new Invalid(invalidField(field, FORMAT_HINT))
  }
  if (list.length > MAX_RECIPIENTS) {
    throw new Invalid(resendError(422, 'validation_error', `Too many recipients in \`${field}\`: at most ${MAX_RECIPIENTS}.`))
  }
  return list
}

function optionalString(body: Body, field: string): string | undefined {
  const v = body[field]
  if (absent(v)) return undefined
  if (typeof v !== 'string') throw new Invalid(invalidField(field, 'Expected a string.'))
  return v
}

function headers(body: Body): Record<string, string> | undefined {
  const v = body.headers
  if (absent(v)) return undefined
  if (!isObject(v) || !Object.values(v).every((h) => typeof h === 'string')) {
    throw new Invalid(invalidField('headers', 'Expected an object of string values.'))
  }
  return v as Record<string, string>
}

const isTag = (t: unknown): t is { name: string; value: string } =>
  isObject(t) && typeof t.name === 'string' && typeof t.value === 'string' && TAG_PART.test(t.name) && TAG_PART.test(t.value)

function tags(body: Body): { name: string; value: string }[] | undefined {
  const v = body.tags
  if (absent(v)) return undefined
  if (!Array.isArray(v) || !v.every(isTag)) {
    throw new Invalid(invalidField('tags', 'Tag names and values may only contain ASCII letters, numbers, underscores and dashes.'))
  }
  return v.map(({ name, value }) => ({ name, value }))
}

/** Attachment content arrives base64-encoded, or as a JSON-serialised Node Buffer when the SDK got a Buffer. */
function attachmentContent(content: unknown): Buffer | undefined {
  if (typeof content === 'string') return Buffer.from(content, 'base64')
  if (isObject(content) && content.type === 'Buffer' && Array.isArray(content.data)) {
    const bytes: unknown[] = content.data
    if (bytes.every((b): b is number => Number.isInteger(b) && (b as number) >= 0 && (b as number) <= 255)) {
      return Buffer.from(bytes)
    }
  }
  return undefined
}

function attachments(body: Body): StoredAttachment[] | undefined {
  const v = body.attachments
  if (absent(v)) return undefined
  if (!Array.isArray(v)) throw new Invalid(invalidField('attachments', 'Expected an array.'))
  return v.map((a: unknown): StoredAttachment => {
    if (!isObject(a)) throw new Invalid(invalidField('attachments', 'Each attachment must be an object.'))
    const bytes = absent(a.content) ? undefined : attachmentContent(a.content)
    const path = typeof a.path === 'string' ? a.path : undefined
    if (!bytes && !path) throw new Invalid(invalidField('attachments', 'Each attachment needs `content` or `path`.'))
    return {
      filename: typeof a.filename === 'string' ? a.filename : undefined,
      contentType: typeof a.content_type === 'string' ? a.content_type : undefined,
      contentId: typeof a.content_id === 'string' ? a.content_id : undefined,
      path,
      content: bytes?.toString('base64'),
      size: bytes?.length ?? 0,
    }
  })
}

function required(body: Body) {
  const { from, subject } = body
  if (absent(from) || from === '') throw new Invalid(missingField('from'))
  if (typeof from !== 'string' || !addressOf(from)) throw new Invalid(invalidField('from', FORMAT_HINT))
  const to = addressList(body, 'to')
  if (!to) throw new Invalid(missingField('to'))
  if (absent(subject) || subject === '') throw new Invalid(missingField('subject'))
  if (typeof subject !== 'string') throw new Invalid(invalidField('subject', 'Expected a string.'))
  return { from, to, subject }
}

function unsupported(body: Body, batch: boolean) {
  if (!absent(body.template)) {
    throw new Invalid(invalidField('template', 'Hosted templates are not available in the local mailbox; send `html` instead.'))
  }
  if (batch && !absent(body.attachments)) {
    throw new Invalid(invalidField('attachments', 'Attachments are not supported in batch sending.'))
  }
  if (batch && !absent(body.scheduled_at)) {
    throw new Invalid(invalidField('scheduled_at', 'Scheduling is not supported in batch sending.'))
  }
}

const withoutUndefined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T

/**
 * Validates one `POST /emails` body (snake_case, as the SDK sends it) and normalises it for the store.
 * Batch items may carry neither attachments nor `scheduled_at`, as at Resend.
 */
export function parseEmail(input: unknown, { batch }: { batch: boolean }): Parsed<NewMail> {
  try {
    if (!isObject(input)) throw new Invalid(resendError(422, 'validation_error', 'The email must be a JSON object.'))
    unsupported(input, batch)
    const mail: NewMail = {
      ...required(input),
      cc: addressList(input, 'cc'),
      bcc: addressList(input, 'bcc'),
      replyTo: addressList(input, 'reply_to'),
      html: optionalString(input, 'html'),
      text: optionalString(input, 'text'),
      scheduledAt: optionalString(input, 'scheduled_at'),
      headers: headers(input),
      tags: tags(input),
      attachments: attachments(input),
    }
    return { ok: true, value: withoutUndefined(mail) }
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, error: err.error }
    throw err
  }
}
