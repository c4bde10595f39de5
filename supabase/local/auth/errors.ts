import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendJson } from '../http.ts'

export const API_VERSION = '2024-01-01'

/** A GoTrue API error: an HTTP status plus one of GoTrue's error codes. */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra top-level body fields, e.g. `weak_password: {reasons}`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

/** GoTrue's OAuth-shaped errors (`{error, error_description}`), used by a few /token cases. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description)
  }
}

export const badRequest = (code: string, message: string) => new AuthError(400, code, message)
export const validationFailed = (message: string) => new AuthError(400, 'validation_failed', message)
export const forbidden = (code: string, message: string) => new AuthError(403, code, message)
export const notFound = (code: string, message: string) => new AuthError(404, code, message)
export const unprocessable = (code: string, message: string) => new AuthError(422, code, message)
export const internal = (message: string) => new AuthError(500, 'unexpected_failure', message)

/** auth-js sends this header on every request; only then does GoTrue use the `{code, message}` shape. */
function wantsVersionedErrors(req: IncomingMessage): boolean {
  const v = req.headers['x-supabase-api-version']
  const value = Array.isArray(v) ? v[0] : v
  return value !== undefined && value >= API_VERSION
}

export function sendAuthError(req: IncomingMessage, res: ServerResponse, err: AuthError | OAuthError) {
  if (err instanceof OAuthError) {
    sendJson(res, err.status, { error: err.error, error_description: err.description })
    return
  }
  if (wantsVersionedErrors(req)) {
    sendJson(
      res,
      err.status,
      { code: err.code, message: err.message, ...err.extra },
      {
        'X-Supabase-Api-Version': API_VERSION,
        'x-sb-error-code': err.code,
      },
    )
    return
  }
  sendJson(res, err.status, { code: err.status, error_code: err.code, msg: err.message, ...err.extra })
}
