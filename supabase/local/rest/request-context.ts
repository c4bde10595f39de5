import type { IncomingMessage } from 'node:http'
import { bearer } from '../http.ts'
import { JwtError, verifyJwt } from '../jwt.ts'
import type { Keys } from '../keys.ts'
import type { LocalConfig } from '../config.ts'
import { ApiError } from './errors.ts'
import type { RequestSettings } from './runner.ts'
import type { SchemaCache } from './schema-cache.ts'

export const ANON_ROLE = 'anon'

export interface Caller {
  role: string
  claims: Record<string, unknown>
  /** PostgREST's `authed`: the role is not the anon role (42501 → 403 instead of 401). */
  authed: boolean
}

function jwtError(e: JwtError): ApiError {
  const code = e.reason === 'expired' || e.reason === 'claims' ? 'PGRST303' : 'PGRST301'
  const description = e.message.replace(/["\\]/g, '')
  return new ApiError(401, code, e.message, null, null, {
    'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"`,
  })
}

/** The JWT decides the role; no token means the anon role with `{"role":"anon"}` as claims. */
export async function authenticate(req: IncomingMessage, keys: Keys, cache: SchemaCache): Promise<Caller> {
  const token = bearer(req)
  if (!token) return { role: ANON_ROLE, claims: { role: ANON_ROLE }, authed: false }
  let claims: Record<string, unknown>
  try {
    claims = await verifyJwt(token, keys)
  } catch (e) {
    if (e instanceof JwtError) throw jwtError(e)
    throw e
  }
  const role = typeof claims.role === 'string' && claims.role !== '' ? claims.role : ANON_ROLE
  const authed = role !== ANON_ROLE
  if (!cache.switchableRoles.has(role)) {
    if (!cache.allRoles.has(role)) {
      throw new ApiError(401, '22023', `role "${role}" does not exist`, null, null, { 'WWW-Authenticate': 'Bearer' })
    }
    throw new ApiError(authed ? 403 : 401, '42501', `permission denied to set role "${role}"`)
  }
  return { role, claims, authed }
}

/** Accept-Profile (reads) / Content-Profile (writes) pick the schema; only `[api] schemas` are served. */
export function requestSchema(req: IncomingMessage, config: LocalConfig): string {
  const read = req.method === 'GET' || req.method === 'HEAD'
  const header = read ? req.headers['accept-profile'] : req.headers['content-profile']
  const wanted = (Array.isArray(header) ? header[0] : header)?.trim()
  const schemas = config.api.schemas
  if (wanted === undefined || wanted === '') return schemas[0] ?? 'public'
  if (!schemas.includes(wanted)) {
    throw new ApiError(406, 'PGRST106', `Invalid schema: ${wanted}`, null, `Only the following schemas are exposed: ${schemas.join(', ')}`)
  }
  return wanted
}

export interface Negotiated {
  singular: boolean
  stripNulls: boolean
  contentType: string
}

/** Supports JSON and the singular object media type (with `nulls=stripped`); others are 406 PGRST107. */
export function negotiate(req: IncomingMessage): Negotiated {
  const accept = req.headers.accept
  if (!accept) return { singular: false, stripNulls: false, contentType: 'application/json; charset=utf-8' }
  for (const entry of accept.split(',')) {
    const [type = '', ...params] = entry.split(';').map((s) => s.trim().toLowerCase())
    const stripNulls = params.includes('nulls=stripped')
    if (type === 'application/vnd.pgrst.object+json' || type === 'application/vnd.pgrst.object') {
      return { singular: true, stripNulls, contentType: 'application/vnd.pgrst.object+json; charset=utf-8' }
    }
    if (type === 'application/json' || type === 'application/*' || type === '*/*' || type === 'application/vnd.pgrst.array+json') {
      return { singular: false, stripNulls, contentType: 'application/json; charset=utf-8' }
    }
  }
  throw new ApiError(406, 'PGRST107', `None of these media types are available: ${accept.split(',').map((s) => s.trim()).join(', ')}`)
}

function cookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  }
  return out
}

export function requestSettings(req: IncomingMessage, caller: Caller, cache: SchemaCache, config: LocalConfig, schema: string, path: string): RequestSettings {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  }
  const searchPath = [schema, ...config.api.extraSearchPath.filter((s) => s !== schema)].map((s) => `"${s.replace(/"/g, '""')}"`).join(', ')
  return {
    searchPath,
    roleSettings: Object.fromEntries(cache.roleSettings.get(caller.role) ?? []),
    role: caller.role,
    claims: JSON.stringify(caller.claims),
    method: req.method ?? 'GET',
    path,
    headers: JSON.stringify(headers),
    cookies: JSON.stringify(cookies(req.headers.cookie)),
  }
}
