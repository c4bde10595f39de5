import type { ServerResponse } from 'node:http'
import { send } from '../http.ts'

/** An error answered in PostgREST's shape: `{code, details, hint, message}` plus Proxy-Status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    readonly hint: unknown = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

export function sendError(res: ServerResponse, err: ApiError) {
  const body = JSON.stringify({ code: err.code, details: err.details, hint: err.hint, message: err.message })
  send(res, err.status, body, {
    'Content-Type': 'application/json; charset=utf-8',
    'Proxy-Status': `PostgREST; error=${err.code}`,
    ...err.headers,
  })
}

export const queryParamError = (message: string, details: string) => new ApiError(400, 'PGRST100', message, details)

export const invalidBody = (message: string, details: string | null = null) => new ApiError(400, 'PGRST102', message, details)

export const tableNotFound = (schema: string, name: string) =>
  new ApiError(404, 'PGRST205', `Could not find the table '${schema}.${name}' in the schema cache`)

export const columnNotFound = (relation: string, column: string) =>
  new ApiError(400, 'PGRST204', `Could not find the '${column}' column of '${relation}' in the schema cache`)

export const notEmbedded = (resource: string) =>
  new ApiError(
    400,
    'PGRST108',
    `'${resource}' is not an embedded resource in this request`,
    null,
    `Verify that '${resource}' is included in the 'select' query parameter.`,
  )

/** PostgREST's answer for a feature it does not implement; the stand-in also uses it for PostgREST features it lacks. */
export const notImplemented = (feature: string) =>
  new ApiError(400, 'PGRST127', 'Feature not implemented', `${feature} is not supported by the local stand-in`)

export const singularityError = (rows: number) =>
  new ApiError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${rows} rows`)

/** The subset of a postgres.js error PostgREST forwards. */
export interface PgErrorLike {
  code: string
  message: string
  detail?: string | undefined
  hint?: string | undefined
}

export function isPgError(e: unknown): e is PgErrorLike {
  return e instanceof Error && 'code' in e && typeof (e as { code: unknown }).code === 'string' && 'severity' in e
}

/** PostgREST v14's SQLSTATE → HTTP table (Error.hs mapSQLtoHTTP); `authed` is role ≠ anon role. */
export function pgErrorStatus(code: string, message: string, authed: boolean): number {
  const two = code.slice(0, 2)
  if (code === '23503' || code === '23505') return 409
  if (code === '25006') return 405
  if (code === '21000') return message.endsWith('requires a WHERE clause') ? 400 : 500
  if (code === '22023') return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400
  if (code === '53400') return 500
  if (code === '57P01') return 503
  if (code === 'P0001') return 400
  if (code === '42883') return message.startsWith('function xmlagg(') ? 406 : 404
  if (code === '42P01') return 404
  if (code === '42P17') return 500
  if (code === '42501') return authed ? 403 : 401
  if (two === 'PT') {
    const n = Number(code.slice(2))
    return Number.isInteger(n) && n >= 100 && n <= 599 ? n : 500
  }
  const byClass: Record<string, number> = {
    '08': 503, '09': 500, '0L': 403, '0P': 403, '25': 500, '28': 403, '2D': 500, '38': 500, '39': 500,
    '3B': 500, '40': 500, '53': 503, '54': 500, '55': 500, '57': 500, '58': 500, F0: 500, HV: 500, P0: 500, XX: 500,
  }
  return byClass[two] ?? 400
}

/** `RAISE SQLSTATE 'PGRST'` with a JSON message and detail gives full control of the response. */
function fromPgrstRaise(e: PgErrorLike): ApiError {
  try {
    const m = JSON.parse(e.message) as { code?: unknown; message?: unknown; details?: unknown; hint?: unknown }
    const d = JSON.parse(e.detail ?? '') as { status?: unknown; headers?: unknown }
    if (typeof m.code !== 'string' || typeof m.message !== 'string' || typeof d.status !== 'number') throw new Error()
    const headers = Object.fromEntries(
      Object.entries(d.headers && typeof d.headers === 'object' ? d.headers : {}).map(([k, v]) => [k, String(v)]),
    )
    return new ApiError(d.status, m.code, m.message, m.details ?? null, m.hint ?? null, headers)
  } catch {
    return new ApiError(
      500,
      'PGRST121',
      'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error',
      'Invalid JSON value for MESSAGE or DETAIL',
      "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.",
    )
  }
}

export function fromPgError(e: PgErrorLike, authed: boolean): ApiError {
  if (e.code === 'PGRST') return fromPgrstRaise(e)
  const status = pgErrorStatus(e.code, e.message, authed)
  return new ApiError(status, e.code, e.message, e.detail ?? null, e.hint ?? null, status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {})
}
