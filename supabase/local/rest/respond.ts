import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Sql } from 'postgres'
import type { LocalConfig } from '../config.ts'
import { send } from '../http.ts'
import { ApiError } from './errors.ts'
import type { Preferences } from './prefer.ts'
import type { LevelParams } from './query-string.ts'
import type { Caller, Negotiated } from './request-context.ts'
import type { RequestSettings, Row } from './runner.ts'
import type { SchemaCache } from './schema-cache.ts'

/** Everything a handler needs about the request, resolved before any SQL is built. */
export interface RequestEnv {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  method: string
  pool: Sql
  config: LocalConfig
  cache: SchemaCache
  schema: string
  caller: Caller
  prefs: Preferences
  media: Negotiated
  settings: RequestSettings
}

export interface Range {
  offset: number
  limit: number | null
}

/** limit/offset from the query string, else the `Range` header; never more than `max_rows`. */
export function requestRange(req: IncomingMessage, root: LevelParams | undefined, maxRows: number | null): Range {
  let offset = root?.offset ?? 0
  let limit = root?.limit ?? null
  const header = req.headers.range
  if (header && root?.offset === undefined && root?.limit === undefined) {
    const m = /^(?:items=)?\s*(\d+)-(\d*)\s*$/.exec(header)
    if (m) {
      const lower = Number(m[1])
      const upper = m[2] === '' ? null : Number(m[2])
      if (upper !== null && upper < lower) {
        throw new ApiError(416, 'PGRST103', 'Requested range not satisfiable', 'The lower boundary must be lower than or equal to the upper boundary in the Range header.')
      }
      offset = lower
      limit = upper === null ? null : upper - lower + 1
    }
  }
  if (maxRows !== null) limit = limit === null ? maxRows : Math.min(limit, maxRows)
  return { offset, limit }
}

/**
 * The total for `Prefer: count=…`: exact from the query; planned from EXPLAIN of the query itself (the
 * top node's row estimate; a result without a plan, such as a scalar, is its own count); estimated =
 * exact up to max_rows, planned beyond.
 */
export function countTotal(prefs: Preferences, exact: string | null | undefined, plan: Row[] | undefined, maxRows: number): number | null {
  if (!prefs.count || ((exact === null || exact === undefined) && !plan)) return null
  const planned = () => {
    if (!plan) return Number(exact)
    const raw = plan[0] ? Object.values(plan[0])[0] : null
    const parsed = raw ? (JSON.parse(raw) as { Plan: { 'Plan Rows': number } }[]) : []
    return Math.round(parsed[0]?.Plan['Plan Rows'] ?? 0)
  }
  if (prefs.count === 'exact') return Number(exact)
  if (prefs.count === 'planned') return planned()
  const e = Number(exact)
  return e <= maxRows ? e : planned()
}

/** PostgREST's read status: 416 past the end, 206 for a partial page of a counted result. */
export function readStatus(offset: number, page: number, total: number | null): number {
  if (total === null) return 200
  if (offset > total && !(offset === 0 && total === 0)) {
    throw new ApiError(416, 'PGRST103', 'Requested range not satisfiable', `An offset of ${offset} was requested, but there are only ${total} rows.`, null, {
      'Content-Range': `*/${total}`,
    })
  }
  return page < total ? 206 : 200
}

export function contentRange(offset: number, page: number, total: number | null): string {
  const range = page === 0 ? '*' : `${offset}-${offset + page - 1}`
  return `${range}/${total === null ? '*' : total}`
}

export function respond(env: RequestEnv, status: number, body: string | null, headers: Record<string, string>) {
  const out: Record<string, string> = { ...headers }
  if (env.prefs.applied.length) out['Preference-Applied'] = env.prefs.applied.join(', ')
  const withBody = body !== null && env.method !== 'HEAD' && status !== 204
  if (withBody || env.method === 'HEAD') out['Content-Type'] = env.media.contentType
  send(env.res, status, withBody ? body : undefined, out)
}
