import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { catalogRoutes } from './api/catalog.ts'
import { customerRoutes } from './api/customers.ts'
import { recordRoutes } from './api/records.ts'
import type { Route } from './api/route.ts'
import { sessionRoutes } from './api/sessions.ts'
import { subscriptionRoutes } from './api/subscriptions.ts'
import { runDue } from './billing.ts'
import { parseDuration } from './clock.ts'
import { API_VERSION, type Ctx } from './context.ts'
import { ApiError } from './errors.ts'
import { applyExpand } from './expand.ts'
import { parseForm, readBody, redirect, send, sendHtml, sendJson, type Params } from './http.ts'
import { checkoutPage, submitCheckout } from './pages/checkout.ts'
import { invoicePage, payFromPage } from './pages/invoice.ts'
import { page, top } from './pages/layout.ts'
import { portalAction, portalPage, type PortalAction } from './pages/portal.ts'
import { strings } from './params.ts'

const ROUTES: Route[] = [...catalogRoutes, ...customerRoutes, ...sessionRoutes, ...subscriptionRoutes, ...recordRoutes]
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** The API key from `Authorization: Bearer sk_…` or HTTP Basic with the key as user name (both accepted by Stripe). */
function apiKey(req: IncomingMessage): string | undefined {
  const auth = header(req, 'authorization') ?? ''
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth)
  if (bearer) return bearer[1]
  const basic = /^Basic\s+(\S+)$/i.exec(auth)
  if (basic) return Buffer.from(basic[1]!, 'base64').toString('utf8').split(':')[0]
  return undefined
}

function authenticate(req: IncomingMessage, secretKey: string) {
  const key = apiKey(req)
  if (!key) {
    throw new ApiError(401, 'invalid_request_error', "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').")
  }
  if (key !== secretKey) throw new ApiError(401, 'invalid_request_error', `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`, 'api_key_invalid')
}

async function serveApi(ctx: Ctx, secretKey: string, req: IncomingMessage, res: ServerResponse, url: URL) {
  const method = req.method ?? 'GET'
  const requestId = `req_${randomBytes(7).toString('hex')}`
  const headers = { 'Request-Id': requestId, 'Stripe-Version': header(req, 'stripe-version') ?? API_VERSION }
  const idempotencyKey = method === 'POST' ? header(req, 'idempotency-key') : undefined
  let fingerprint = ''
  try {
    authenticate(req, secretKey)
    const params: Params = method === 'POST' ? parseForm(await readBody(req)) : parseForm(url.search.slice(1))
    if (idempotencyKey) {
      if (idempotencyKey.length > 255) throw new ApiError(400, 'invalid_request_error', 'Idempotency keys can be at most 255 characters long.', undefined, 'Idempotency-Key')
      const store = ctx.store.state.idempotency
      for (const [k, v] of Object.entries(store)) if (Date.now() - v.storedAt > IDEMPOTENCY_TTL_MS) delete store[k]
      fingerprint = `${method} ${url.pathname} ${canonical(params)}`
      const saved = store[idempotencyKey]
      if (saved && saved.fingerprint !== fingerprint) {
        throw new ApiError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        )
      }
      if (saved) {
        send(res, saved.status, saved.body, { 'Content-Type': 'application/json', ...headers, 'Idempotent-Replayed': 'true', 'Original-Request': requestId })
        return
      }
    }
    const candidates = ROUTES.filter((r) => r.pattern.test(url.pathname))
    const found = candidates.find((r) => r.method === method)
    if (!found) throw new ApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`)
    ctx.request = method === 'GET' ? undefined : { id: requestId, idempotency_key: idempotencyKey ?? null }
    const result = found.handle(ctx, params, found.pattern.exec(url.pathname)!.slice(1))
    const body = JSON.stringify(applyExpand(ctx, result, strings(params, 'expand')), null, 2)
    if (idempotencyKey) ctx.store.state.idempotency[idempotencyKey] = { fingerprint, status: 200, body, storedAt: Date.now() }
    send(res, 200, body, { 'Content-Type': 'application/json', ...headers })
  } catch (err) {
    const error = err instanceof ApiError ? err : new ApiError(500, 'api_error', 'An unknown error occurred in the local Stripe stand-in.')
    if (!(err instanceof ApiError)) ctx.log(`${method} ${url.pathname} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
    const body = JSON.stringify(error.toJSON(), null, 2)
    // Stripe keeps the result of a request that began executing; one refused by validation is not kept.
    if (idempotencyKey && fingerprint && (error.status === 402 || error.status >= 500)) {
      ctx.store.state.idempotency[idempotencyKey] = { fingerprint, status: error.status, body, storedAt: Date.now() }
    }
    send(res, error.status, body, { 'Content-Type': 'application/json', ...headers, ...(error.status >= 500 ? { 'Stripe-Should-Retry': 'false' } : {}) })
  } finally {
    ctx.request = undefined
  }
}

function notFound(res: ServerResponse, what: string) {
  sendHtml(res, 404, page('Not found', `${top('DoulaOS')}<div class="card"><h1>${what} not found</h1><p class="muted">The link may be wrong or from another stand-in instance.</p></div>`))
}

async function servePages(ctx: Ctx, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const method = req.method ?? 'GET'
  const form = async () => new URLSearchParams(await readBody(req))
  const show = (r: { redirect: string } | { status: number; html: string }) => ('redirect' in r ? redirect(res, r.redirect) : sendHtml(res, r.status, r.html))
  let m = /^\/c\/pay\/(cs_test_[A-Za-z0-9]+)$/.exec(url.pathname)
  if (m) {
    const session = ctx.store.find(m[1]!)
    if (!session || session.object !== 'checkout.session') notFound(res, 'Checkout page')
    else if (method === 'POST') show(submitCheckout(ctx, session, await form()))
    else show(checkoutPage(ctx, session))
    return true
  }
  m = /^\/p\/session\/(bps_[A-Za-z0-9]+)(?:\/(plan|card|cancel|resume))?$/.exec(url.pathname)
  if (m) {
    const session = ctx.store.find(m[1]!)
    if (!session || session.object !== 'billing_portal.session') notFound(res, 'Billing portal session')
    else if (method === 'POST' && m[2]) {
      const r = portalAction(ctx, session, m[2] as PortalAction, await form())
      if ('done' in r) redirect(res, `/p/session/${session.id}?done=${r.done}`)
      else sendHtml(res, r.status, r.html)
    } else {
      const r = portalPage(ctx, session, { done: url.searchParams.get('done') ?? undefined })
      sendHtml(res, r.status, r.html)
    }
    return true
  }
  m = /^\/i\/(in_[A-Za-z0-9]+)(\/pay)?$/.exec(url.pathname)
  if (m) {
    const invoice = ctx.store.find(m[1]!)
    if (!invoice || invoice.object !== 'invoice') notFound(res, 'Invoice')
    else if (method === 'POST' && m[2]) show(payFromPage(ctx, invoice, await form()))
    else show(invoicePage(ctx, invoice))
    return true
  }
  return false
}

/**
 * Local controls, not part of Stripe's API: the clock (`GET /_local/clock`,
 * `POST /_local/clock/advance` with `{"duration":"15d"}` or `{"seconds":n}`) and
 * `GET /_local/webhooks/settled` (waits until no delivery is pending), guarded by the secret key.
 */
async function serveControl(ctx: Ctx, secretKey: string, req: IncomingMessage, res: ServerResponse, url: URL) {
  try {
    authenticate(req, secretKey)
    if (url.pathname === '/_local/clock' && req.method === 'GET') return sendJson(res, 200, { now: ctx.clock.now() })
    if (url.pathname === '/_local/clock/advance' && req.method === 'POST') {
      const body = JSON.parse((await readBody(req)) || '{}') as { duration?: string; seconds?: number }
      const seconds = body.seconds ?? parseDuration(String(body.duration ?? ''))
      if (!Number.isInteger(seconds) || seconds < 0) throw new ApiError(400, 'invalid_request_error', 'seconds must be a whole number ≥ 0')
      const from = ctx.clock.now()
      const before = new Set(ctx.store.all('event').map((e) => e.id))
      runDue(ctx, from + seconds)
      const events = ctx.store.all('event').filter((e) => !before.has(e.id)).reverse().map((e) => ({ id: e.id, type: e.type, created: e.created }))
      return sendJson(res, 200, { from, to: ctx.clock.now(), events })
    }
    if (url.pathname === '/_local/webhooks/settled' && req.method === 'GET') {
      const timeoutMs = Number(url.searchParams.get('timeout_ms') ?? 30_000)
      const settled = await Promise.race([ctx.webhooks.settled().then(() => true), new Promise<boolean>((ok) => setTimeout(() => ok(false), timeoutMs).unref())])
      return sendJson(res, settled ? 200 : 504, { settled, deliveries: ctx.webhooks.deliveries() })
    }
    throw new ApiError(404, 'invalid_request_error', `Unrecognized local control (${req.method}: ${url.pathname}).`)
  } catch (err) {
    const error = err instanceof ApiError ? err : new ApiError(400, 'invalid_request_error', err instanceof Error ? err.message : String(err))
    sendJson(res, error.status, error.toJSON())
  }
}

export function createStripeServer(ctx: Ctx, secretKey: string): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', ctx.baseUrl)
    const work = url.pathname.startsWith('/v1/')
      ? serveApi(ctx, secretKey, req, res, url)
      : url.pathname.startsWith('/_local/')
        ? serveControl(ctx, secretKey, req, res, url)
        : servePages(ctx, req, res, url).then((served) => {
            if (!served && url.pathname === '/') sendHtml(res, 200, page('Local Stripe', `${top('Local Stripe stand-in')}<div class="card"><h1>Local Stripe stand-in</h1><p class="muted">API at /v1. Checkout and portal pages open from the links the API returns.</p></div>`))
            else if (!served) notFound(res, 'Page')
          })
    work
      .catch((err: unknown) => {
        ctx.log(`${req.method} ${url.pathname} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
        if (err instanceof ApiError) sendJson(res, err.status, err.toJSON())
        else send(res, 500, 'Internal error in the local Stripe stand-in')
      })
      .finally(() => ctx.store.save())
  })
}
