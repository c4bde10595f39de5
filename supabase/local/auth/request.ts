import type { IncomingMessage } from 'node:http'
import { BodyTooLargeError, readBody } from '../http.ts'
import { AuthError } from './errors.ts'

/** GoTrue wraps request bodies in a 1 MB reader. */
const BODY_LIMIT = 1024 * 1024

export type Json = Record<string, unknown>

const badJson = (detail: string) => new AuthError(400, 'bad_json', `Could not parse request body as JSON: ${detail}`)

/** The JSON object body; an empty body reads as `{}` as Go's decoder leaves the struct zeroed. */
export async function readJson(req: IncomingMessage): Promise<Json> {
  let raw: Buffer
  try {
    raw = await readBody(req, BODY_LIMIT)
  } catch (e) {
    if (e instanceof BodyTooLargeError) throw badJson('http: request body too large')
    throw e
  }
  if (raw.length === 0) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(raw.toString('utf8'))
  } catch (e) {
    throw badJson(e instanceof Error ? e.message : 'invalid JSON')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badJson('json: cannot unmarshal non-object into Go value')
  }
  return parsed as Json
}

const typeError = (field: string, want: string) =>
  badJson(`json: cannot unmarshal into Go struct field .${field} of type ${want}`)

/** Typed field readers: `null`/absent give undefined, a wrong JSON type is a bad_json error as in Go. */
export function optString(body: Json, field: string): string | undefined {
  const v = body[field]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') throw typeError(field, 'string')
  return v
}

export function optBool(body: Json, field: string): boolean | undefined {
  const v = body[field]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'boolean') throw typeError(field, 'bool')
  return v
}

export function optObject(body: Json, field: string): Json | undefined {
  const v = body[field]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'object' || Array.isArray(v)) throw typeError(field, 'map[string]interface {}')
  return v as Json
}

export function query(url: URL, name: string): string | undefined {
  const v = url.searchParams.get(name)
  return v === null || v === '' ? undefined : v
}
