import type { IncomingMessage, ServerResponse } from 'node:http'
import { STATUS_CODES } from 'node:http'
import { ApiError } from './errors.ts'

export type Params = { [key: string]: Param }
export type Param = string | Params | Param[]

const BODY_LIMIT = 1024 * 1024

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > BODY_LIMIT) throw new ApiError(413, 'invalid_request_error', 'Request body too large.')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Path segments of `a[b][0][c]` → ['a', 'b', '0', 'c']; `a[]` gives an empty last segment. */
function keyPath(key: string): string[] {
  const first = key.indexOf('[')
  if (first === -1) return [key]
  const path = [key.slice(0, first)]
  for (const m of key.slice(first).matchAll(/\[([^\]]*)\]/g)) path.push(m[1] ?? '')
  return path
}

/** Objects whose keys are all array indices become arrays, as Stripe reads `expand[0]=…&expand[1]=…`. */
function arrays(value: Param): Param {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(arrays)
  const keys = Object.keys(value)
  const out: Params = {}
  for (const k of keys) out[k] = arrays(value[k]!)
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => out[k]!)
  }
  return out
}

/**
 * Stripe's form encoding (what stripe-node's `stringifyRequestData` sends): nested objects as
 * `a[b]=…`, arrays as `a[0]=…` (also `a[]=…`), every value a string; an empty value unsets a field.
 */
export function parseForm(text: string): Params {
  const root: Params = {}
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const path = keyPath(rawKey)
    let node: Params = root
    for (let i = 0; i < path.length - 1; i++) {
      const seg = path[i]!
      const next = node[seg]
      if (typeof next !== 'object' || next === null || Array.isArray(next)) node[seg] = {}
      node = node[seg] as Params
    }
    let last = path[path.length - 1]!
    if (last === '') last = String(Object.keys(node).length)
    node[last] = value
  }
  return arrays(root) as Params
}

export function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  if (res.headersSent) return
  res.statusMessage = STATUS_CODES[status] ?? ''
  res.writeHead(status, { 'Content-Length': Buffer.byteLength(body), ...headers })
  res.end(body)
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  send(res, status, JSON.stringify(body, null, 2), { 'Content-Type': 'application/json', ...headers })
}

export function sendHtml(res: ServerResponse, status: number, html: string) {
  send(res, status, html, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'",
  })
}

export function redirect(res: ServerResponse, location: string) {
  send(res, 303, '', { Location: location })
}
