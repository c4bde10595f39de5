import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { runDue } from './billing.ts'
import { Clock, parseDuration } from './clock.ts'
import type { Ctx, ExhaustedRetriesBehavior, Obj } from './context.ts'
import { newWebhookEndpoint } from './objects.ts'
import { createStripeServer } from './server.ts'
import { emptyState, Store, type Delivery } from './store.ts'
import { WebhookDispatcher, type RetryOptions } from './webhooks.ts'

export type { Delivery } from './store.ts'
export type { RetryOptions } from './webhooks.ts'
export { signatureHeader } from './webhooks.ts'
export { parseDuration } from './clock.ts'

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..')
/** The port ARCHITECTURE.md gives the Stripe stand-in for `npm run dev`. */
export const DEFAULT_PORT = 54325
export const DEFAULT_STATE_FILE = join(REPO_ROOT, '.local', 'stripe.json')
/** Local-only keys: never valid at Stripe, so a mix-up fails loudly rather than charging anyone. */
export const LOCAL_STRIPE_SECRET_KEY = 'sk_test_local_doulaos_stand_in_not_a_real_key'
export const LOCAL_STRIPE_PUBLISHABLE_KEY = 'pk_test_local_doulaos_stand_in_not_a_real_key'
export const LOCAL_STRIPE_WEBHOOK_SECRET = 'whsec_localDoulaOSStandInWebhookSecret000'
const APP_ENDPOINT_ID = 'we_local_app'

export interface LocalStripeOptions {
  /** Temp state, a free port and a frozen clock (tests). Otherwise `.local/stripe.json`, port 54325 and a live clock. */
  ephemeral?: boolean
  /** Port to listen on; 0 picks a free one. */
  port?: number
  /** Where a persistent instance keeps its state. */
  stateFile?: string
  /** The app's webhook endpoint; every event is delivered there, signed with `webhookSecret`. */
  webhookUrl?: string
  webhookSecret?: string
  /** Event types sent to `webhookUrl` (`*` wildcards allowed). Default: all. */
  enabledEvents?: string[]
  secretKey?: string
  /** 'frozen': time moves only when advanced. 'live': real time plus what it was advanced by. */
  clock?: 'frozen' | 'live'
  /** A fresh state's starting time (Unix seconds). Default: now. */
  startTime?: number
  /** Webhook retry timing (real time): tests compress it. */
  retry?: RetryOptions
  /** Days between a failed renewal and each retry. Default [3, 5, 7]. */
  retryDays?: number[]
  /** What the subscription becomes when the retries are used up. Default 'unpaid'. */
  exhaustedRetries?: ExhaustedRetriesBehavior
  /** How often a live clock runs what has come due. Default 15 s. */
  tickMs?: number
  log?: (message: string) => void
}

export interface AdvanceResult {
  from: number
  to: number
  /** The events the advance caused, oldest first. */
  events: { id: string; type: string; created: number }[]
}

export interface LocalStripe {
  /** Base URL, e.g. http://127.0.0.1:54325 (API under /v1). */
  url: string
  /** What `new Stripe(secretKey, { ...stripe.clientOptions })` needs to talk to this instance. */
  clientOptions: { host: string; port: number; protocol: 'http' }
  secretKey: string
  publishableKey: string
  webhookSecret: string | undefined
  /** The stand-in clock, Unix seconds. */
  now(): number
  /** Moves the clock forward (`'15d'`, `'36h'`, `'90m'` or seconds), running trial ends, renewals and retries in order. */
  advance(duration: string | number): AdvanceResult
  /** Every event, newest first, as `GET /v1/events` lists them. */
  events(): Obj[]
  /** Every webhook delivery with its attempts. */
  deliveries(): Delivery[]
  /** Resolves once every queued webhook has been delivered or has used up its retries. */
  webhooksSettled(): Promise<void>
  /**
   * Submits a checkout session's hosted page as a person would (HTTP POST of its form) and returns
   * where it redirects (success_url), or throws with the page's error message.
   */
  completeCheckout(sessionId: string, input?: { card?: string; email?: string; name?: string; expiry?: string; cvc?: string }): Promise<string>
  stop(): Promise<void>
}

/** Starts the stand-in and resolves once it is listening on 127.0.0.1. */
export async function startLocalStripe(options: LocalStripeOptions = {}): Promise<LocalStripe> {
  const ephemeral = options.ephemeral ?? false
  const log = options.log ?? (() => {})
  const clockMode = options.clock ?? (ephemeral ? 'frozen' : 'live')
  const start = options.startTime ?? Math.floor(Date.now() / 1000)
  const store = Store.load(ephemeral ? undefined : (options.stateFile ?? DEFAULT_STATE_FILE), () =>
    emptyState(clockMode === 'frozen' ? { mode: 'frozen', time: start } : { mode: 'live', offset: start - Math.floor(Date.now() / 1000) }),
  )
  const secretKey = options.secretKey ?? LOCAL_STRIPE_SECRET_KEY
  const webhooks = new WebhookDispatcher(store, log, options.retry)
  const ctx: Ctx = {
    store,
    clock: new Clock(store),
    webhooks,
    baseUrl: 'http://127.0.0.1',
    retryDays: options.retryDays ?? [3, 5, 7],
    exhaustedRetries: options.exhaustedRetries ?? 'unpaid',
    log,
  }
  const server = createStripeServer(ctx, secretKey)
  const port = options.port ?? (ephemeral ? 0 : DEFAULT_PORT)
  await new Promise<void>((ok, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) => fail(err.code === 'EADDRINUSE' ? new Error(`Port ${port} is already in use: is another Stripe stand-in running?`) : err))
    server.listen(port, '127.0.0.1', () => ok())
  })
  const actualPort = (server.address() as AddressInfo).port
  ctx.baseUrl = `http://127.0.0.1:${actualPort}`
  refreshUrls(ctx)

  if (options.webhookUrl) {
    if (!options.webhookSecret?.startsWith('whsec_')) throw new Error('startLocalStripe: webhookSecret must be a whsec_… secret when webhookUrl is set')
    const existing = store.find(APP_ENDPOINT_ID)
    if (existing) Object.assign(existing, { url: options.webhookUrl, secret: options.webhookSecret, enabled_events: options.enabledEvents ?? ['*'], status: 'enabled' })
    else store.insert(newWebhookEndpoint(ctx, { id: APP_ENDPOINT_ID, url: options.webhookUrl, secret: options.webhookSecret, enabled_events: options.enabledEvents ?? ['*'], description: 'The app (configured by startLocalStripe)', metadata: {} }))
    store.touch()
  }
  store.save()
  webhooks.pump()

  const tick = clockMode === 'live' ? setInterval(() => {
    runDue(ctx, ctx.clock.now())
    store.save()
  }, options.tickMs ?? 15_000) : undefined
  tick?.unref()

  const advance = (duration: string | number): AdvanceResult => {
    const seconds = typeof duration === 'number' ? duration : parseDuration(duration)
    const from = ctx.clock.now()
    const before = new Set(store.all('event').map((e) => e.id))
    runDue(ctx, from + seconds)
    store.save()
    const events = store.all('event').filter((e) => !before.has(e.id)).reverse().map((e) => ({ id: e.id, type: String(e.type), created: Number(e.created) }))
    return { from, to: ctx.clock.now(), events }
  }

  return {
    url: ctx.baseUrl,
    clientOptions: { host: '127.0.0.1', port: actualPort, protocol: 'http' },
    secretKey,
    publishableKey: LOCAL_STRIPE_PUBLISHABLE_KEY,
    webhookSecret: options.webhookSecret,
    now: () => ctx.clock.now(),
    advance,
    events: () => store.all('event'),
    deliveries: () => webhooks.deliveries(),
    webhooksSettled: () => webhooks.settled(),
    completeCheckout: async (sessionId, input = {}) => {
      const form = new URLSearchParams({
        email: input.email ?? '',
        number: input.card ?? '',
        expiry: input.card ? (input.expiry ?? '12 / 34') : '',
        cvc: input.card ? (input.cvc ?? '123') : '',
        cardholder: input.name ?? '',
      })
      const res = await fetch(`${ctx.baseUrl}/c/pay/${sessionId}`, { method: 'POST', body: form, redirect: 'manual' })
      const text = await res.text()
      if (res.status === 303) return res.headers.get('location') ?? ''
      const message = /role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(text)?.[1]?.replace(/<[^>]+>/g, '').trim()
      const fieldError = /class="error"[^>]*>([^<]*)</.exec(text)?.[1]
      throw new Error(`Checkout was not completed (HTTP ${res.status}): ${fieldError ?? message ?? 'unknown reason'}`)
    },
    stop: async () => {
      clearInterval(tick)
      webhooks.stop()
      store.save()
      await new Promise<void>((ok) => {
        server.close(() => ok())
        server.closeAllConnections()
      })
    },
  }
}

/** Hosted URLs of a persistent state follow the port it is served on now. */
function refreshUrls(ctx: Ctx) {
  for (const { obj } of Object.values(ctx.store.state.objects)) {
    if (obj.object === 'checkout.session' && typeof obj.url === 'string') obj.url = `${ctx.baseUrl}/c/pay/${obj.id}`
    if (obj.object === 'billing_portal.session') obj.url = `${ctx.baseUrl}/p/session/${obj.id}`
    if (obj.object === 'invoice') obj.hosted_invoice_url = `${ctx.baseUrl}/i/${obj.id}`
  }
}
