import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { bearer, BodyTooLargeError, readBody, sendJson } from '../http.ts'
import { parseEmail } from './resend-payload.ts'
import { resendError, type ResendError } from './resend-errors.ts'
import type { MailStore, StoredMail } from './store.ts'

/** Resend accepts up to 40 MB per email, attachments included. */
const MAX_BODY_BYTES = 40 * 1024 * 1024
const MAX_BATCH = 100

const sendError = (res: ServerResponse, error: ResendError) => sendJson(res, error.statusCode, error)

/** JSON with object keys sorted, so two bodies that differ only in key order count as the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

async function readJson(req: IncomingMessage): Promise<{ ok: true; body: unknown } | { ok: false; error: ResendError }> {
  try {
    const raw = await readBody(req, MAX_BODY_BYTES)
    return { ok: true, body: JSON.parse(raw.toString('utf8')) as unknown }
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      return { ok: false, error: resendError(413, 'validation_error', 'The request body exceeds the 40 MB limit.') }
    }
    if (err instanceof SyntaxError) {
      return { ok: false, error: resendError(400, 'validation_error', 'The request body is not valid JSON.') }
    }
    throw err
  }
}

/** The body of `GET /emails/{id}`, in the shape of Resend's `GetEmailResponseSuccess`. */
function emailResource(mail: StoredMail) {
  return {
    object: 'email',
    id: mail.id,
    to: mail.to,
    from: mail.from,
    created_at: mail.createdAt,
    subject: mail.subject,
    html: mail.html ?? null,
    text: mail.text ?? null,
    cc: mail.cc ?? null,
    bcc: mail.bcc ?? null,
    reply_to: mail.replyTo ?? null,
    last_event: 'delivered',
    scheduled_at: mail.scheduledAt ?? null,
    tags: mail.tags ?? [],
  }
}

export interface ResendApiOptions {
  /** When set, only this key is accepted; otherwise any bearer token is (the local default). */
  apiKey?: string
}

/** The Resend endpoints the SDK uses for sending: `POST /emails`, `POST /emails/batch`, `GET /emails/{id}`. */
export function createResendApi(store: MailStore, options: ResendApiOptions) {
  function authorize(req: IncomingMessage): ResendError | undefined {
    const key = bearer(req)
    if (!key) return resendError(401, 'missing_api_key', 'Missing API key in the authorization header.')
    if (options.apiKey !== undefined && key !== options.apiKey) return resendError(403, 'invalid_api_key', 'API key is invalid')
    return undefined
  }

  /** Runs `create` at most once per Idempotency-Key and replays its answer for an identical retry. */
  function idempotent(req: IncomingMessage, res: ServerResponse, path: string, body: unknown, create: () => unknown) {
    const header = req.headers['idempotency-key']
    if (header === undefined) return sendJson(res, 200, create())
    const key = Array.isArray(header) ? header[0] : header
    if (!key || key.length > 256) {
      return sendError(res, resendError(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.'))
    }
    const hash = createHash('sha256').update(`${path}\n${canonical(body)}`).digest('hex')
    const prior = store.recall(key)
    if (prior && prior.hash !== hash) {
      return sendError(
        res,
        resendError(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.'),
      )
    }
    if (prior) return sendJson(res, 200, prior.response)
    const response = create()
    store.remember(key, hash, response)
    sendJson(res, 200, response)
  }

  async function sendOne(req: IncomingMessage, res: ServerResponse, path: string) {
    const read = await readJson(req)
    if (!read.ok) return sendError(res, read.error)
    const parsed = parseEmail(read.body, { batch: false })
    if (!parsed.ok) return sendError(res, parsed.error)
    idempotent(req, res, path, read.body, () => ({ id: store.add(parsed.value).id }))
  }

  async function sendBatch(req: IncomingMessage, res: ServerResponse, path: string) {
    const read = await readJson(req)
    if (!read.ok) return sendError(res, read.error)
    const items = read.body
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH) {
      return sendError(res, resendError(422, 'validation_error', `The body must be an array of 1 to ${MAX_BATCH} emails.`))
    }
    const permissive = req.headers['x-batch-validation'] === 'permissive'
    const parsed = items.map((item) => parseEmail(item, { batch: true }))
    const firstFailure = parsed.findIndex((p) => !p.ok)
    const failed = parsed[firstFailure]
    if (!permissive && failed && !failed.ok) {
      return sendError(res, { ...failed.error, message: `emails[${firstFailure}]: ${failed.error.message}` })
    }
    idempotent(req, res, path, items, () => {
      const data: { id: string }[] = []
      const errors: { index: number; message: string }[] = []
      parsed.forEach((p, index) => {
        if (p.ok) data.push({ id: store.add(p.value).id })
        else errors.push({ index, message: p.error.message })
      })
      return permissive ? { data, errors } : { data }
    })
  }

  /** Every Resend route checks the API key first, as Resend answers 401/403 before anything else. */
  const authorized =
    (handle: (req: IncomingMessage, res: ServerResponse, path: string, id: string | undefined) => Promise<void> | void) =>
    async (req: IncomingMessage, res: ServerResponse, path: string, id?: string) => {
      const denied = authorize(req)
      if (denied) return sendError(res, denied)
      await handle(req, res, path, id)
    }

  return {
    sendOne: authorized(sendOne),
    sendBatch: authorized(sendBatch),
    getOne: authorized((_req, res, _path, id) => {
      const mail = id === undefined ? undefined : store.get(id)
      if (mail) sendJson(res, 200, emailResource(mail))
      else sendError(res, resendError(404, 'not_found', 'Email not found'))
    }),
    methodNotAllowed: authorized((_req, res) => sendError(res, resendError(405, 'method_not_allowed', 'Method Not Allowed'))),
  }
}
