import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Keys } from './keys.ts'
import { send, sendJson } from './http.ts'
import type { Service } from './types.ts'

const EXPOSED_HEADERS =
  'Content-Encoding, Content-Location, Content-Range, Content-Type, Content-Disposition, Date, ETag, Location, Range-Unit, X-Supabase-Api-Version, X-Total-Count, Link, x-sb-error-code'

/** CORS as the local Kong, PostgREST and GoTrue answer it: reflect the origin and the requested headers. */
function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin
  if (!origin) return false
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Access-Control-Allow-Credentials', 'true')
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS)
  res.setHeader('Vary', 'Origin')
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS')
    const requested = req.headers['access-control-request-headers']
    res.setHeader('Access-Control-Allow-Headers', requested ? `${requested}, authorization` : 'authorization, apikey, content-type, x-client-info')
    res.setHeader('Access-Control-Max-Age', '86400')
    send(res, 204, undefined)
    return true
  }
  return false
}

/**
 * Kong's rewrite of Authorization (supabase CLI start.go): an explicit non-`sb_` bearer wins;
 * the opaque secret/publishable keys become the service_role/anon JWTs; else the raw apikey.
 */
export function mapAuthorization(req: IncomingMessage, keys: Keys) {
  const auth = req.headers.authorization
  if (auth && !/^Bearer sb_/i.test(auth)) return
  const apikey = req.headers.apikey
  const key = Array.isArray(apikey) ? apikey[0] : apikey
  if (key === keys.secretKey) req.headers.authorization = `Bearer ${keys.serviceRoleKey}`
  else if (key === keys.publishableKey) req.headers.authorization = `Bearer ${keys.anonKey}`
  else if (key) req.headers.authorization = `Bearer ${key}`
  else if (auth) delete req.headers.authorization
}

export function createGateway(keys: Keys, services: Record<string, Service>, log: (m: string) => void): Server {
  const prefixes = Object.keys(services)
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway.local')
    if (applyCors(req, res)) return
    const prefix = prefixes.find((p) => url.pathname === p || url.pathname.startsWith(`${p}/`))
    if (!prefix) {
      sendJson(res, 404, { message: 'no Route matched with those values' })
      return
    }
    mapAuthorization(req, keys)
    // The platform's edge (Cloudflare in front of Supabase) sets this to the connecting address,
    // replacing whatever the caller sent: the one IP header the database may trust.
    req.headers['cf-connecting-ip'] = req.socket.remoteAddress ?? '127.0.0.1'
    const path = url.pathname.slice(prefix.length) || '/'
    services[prefix]!.handle(req, res, path, url).catch((err: unknown) => {
      log(`${req.method} ${url.pathname} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
      sendJson(res, 500, { message: 'An unexpected error occurred' })
    })
  })
}
