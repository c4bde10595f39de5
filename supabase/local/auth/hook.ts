import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Webhook } from 'standardwebhooks'
import { AuthError, internal } from './errors.ts'

const ATTEMPT_TIMEOUT_MS = 5_000
const MAX_ATTEMPTS = 3
const RETRY_BACKOFF_MS = 2_000
const SECRET_FORMAT = /^v1,whsec_[A-Za-z0-9+/=]{32,88}$/

export interface HookTarget {
  uri: string
  secrets: string[]
}

/** One `v1,<sig>` per configured secret, joined as GoTrue does (Standard Webhooks, symmetric). */
function signatures(secrets: string[], id: string, at: Date, body: string): string {
  if (secrets.length === 0 || secrets.some((s) => !SECRET_FORMAT.test(s))) {
    throw internal('Send email hook is misconfigured: secrets must match v1,whsec_<base64>')
  }
  return secrets.map((s) => new Webhook(s.slice('v1,'.length)).sign(id, at, body)).join(', ')
}

/** Status with an optional retry delay; a thrown error means the hook could not be reached in time. */
async function attempt(target: HookTarget, body: string) {
  const id = randomUUID()
  const at = new Date()
  return fetch(target.uri, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Accept-Encoding': 'identity',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signatures(target.secrets, id, at, body),
    },
    body,
    signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
  })
}

/** Maps a 200/202 answer: JSON only; `{error:{http_code,message}}` becomes that API error. */
async function successBody(res: Response) {
  if (!(res.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new AuthError(400, 'hook_payload_invalid_content_type', 'Invalid Content-Type: Missing Content-Type header')
  }
  const text = await res.text()
  let parsed: unknown
  try {
    parsed = text.trim() === '' ? {} : JSON.parse(text)
  } catch {
    throw internal('Error unmarshaling JSON output from hook')
  }
  const error = (parsed as { error?: { http_code?: unknown; message?: unknown } } | null)?.error
  if (error && typeof error === 'object') {
    const status = typeof error.http_code === 'number' && error.http_code >= 400 ? error.http_code : 500
    const message = typeof error.message === 'string' ? error.message : 'Error in hook'
    throw new AuthError(status, status >= 500 ? 'unexpected_failure' : 'unknown', message)
  }
}

/**
 * Calls the HTTP send-email hook and maps its answer as GoTrue's hookshttp does; any failure
 * is thrown so the caller's transaction (and the API request) fails with it.
 */
export async function callHook(target: HookTarget, payload: unknown): Promise<void> {
  const body = JSON.stringify(payload)
  for (let n = 1; ; n++) {
    let res: Response
    try {
      res = await attempt(target, body)
    } catch (e) {
      if (e instanceof AuthError) throw e
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')
      if (!timedOut) throw internal('Failed to trigger auth hook, error making HTTP request')
      if (n >= MAX_ATTEMPTS)
        throw new AuthError(422, 'hook_timeout_after_retry', 'Failed to reach hook after maximum retries')
      await sleep(RETRY_BACKOFF_MS)
      continue
    }
    switch (res.status) {
      case 204:
        return
      case 200:
      case 202:
        return successBody(res)
      case 429:
      case 503:
        await res.body?.cancel()
        if (res.headers.get('retry-after') && n < MAX_ATTEMPTS) {
          await sleep(RETRY_BACKOFF_MS)
          continue
        }
        throw internal('Service currently unavailable due to hook')
      case 400:
        await res.body?.cancel()
        throw internal('Invalid payload sent to hook')
      case 401:
        await res.body?.cancel()
        throw internal('Hook requires authorization token')
      default:
        await res.body?.cancel()
        throw internal(`Unexpected status code returned from hook: ${res.status}`)
    }
  }
}
