import { createHmac } from 'node:crypto'
import { newId } from './ids.ts'
import type { Delivery, StripeObject, Store } from './store.ts'

export interface RetryOptions {
  /** Delay before the first retry, in ms. Default 60 s. */
  initialDelayMs?: number
  /** Each further retry waits this many times longer. Default 4 (1 min, 4 min, 16 min, ~1 h, ~4.3 h). */
  factor?: number
  /** Attempts in all, the first included. Default 6. */
  maxAttempts?: number
  /** How long an answer may take before the attempt counts as failed. Default 10 s. */
  timeoutMs?: number
}

/**
 * The `Stripe-Signature` header exactly as Stripe builds it: `t=<unix seconds>,v1=<hex HMAC-SHA256
 * of "<t>.<payload>" keyed with the whole whsec_ secret>` (docs.stripe.com/webhooks#verify-manually;
 * stripe-node's Webhooks.ts computes the same to verify it).
 */
export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex')
  return `t=${timestamp},v1=${v1}`
}

export function matchesEnabledEvents(enabled: unknown, type: string): boolean {
  if (!Array.isArray(enabled)) return false
  return enabled.some((e) => e === '*' || e === type || (typeof e === 'string' && e.endsWith('.*') && type.startsWith(e.slice(0, -1))))
}

/**
 * Delivers events to every enabled webhook endpoint whose `enabled_events` match, one at a time per
 * endpoint in the order the events happened. A 2xx answer is a delivery; anything else (or no
 * answer within the timeout) is retried with exponential backoff until `maxAttempts`, as Stripe
 * retries failed deliveries (docs.stripe.com/webhooks#retries). Timings are real time, never the
 * stand-in clock, and the signature's `t` is the real time of each attempt, so the receiver's
 * tolerance check passes however far the clock was advanced.
 */
export class WebhookDispatcher {
  private busy = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  private waiters: (() => void)[] = []
  private stopped = false
  private readonly opts: Required<RetryOptions>

  constructor(
    private readonly store: Store,
    private readonly log: (m: string) => void,
    retry: RetryOptions = {},
  ) {
    this.opts = { initialDelayMs: 60_000, factor: 4, maxAttempts: 6, timeoutMs: 10_000, ...retry }
  }

  enqueue(event: StripeObject) {
    let count = 0
    for (const endpoint of this.store.all('webhook_endpoint')) {
      if (endpoint.status !== 'enabled' || !matchesEnabledEvents(endpoint.enabled_events, String(event.type))) continue
      this.store.state.deliveries.push({
        id: newId('whd'),
        eventId: event.id,
        endpointId: endpoint.id,
        attempts: [],
        nextAttemptAt: Date.now(),
        state: 'pending',
      })
      count++
    }
    event.pending_webhooks = count
    this.store.touch()
    this.pump()
  }

  deliveries(): Delivery[] {
    return this.store.state.deliveries
  }

  /** Resolves once no delivery is pending: each has been delivered or has used up its attempts. */
  settled(): Promise<void> {
    if (!this.pending()) return Promise.resolve()
    return new Promise((ok) => this.waiters.push(ok))
  }

  /** Stops deliveries to an endpoint that was deleted or disabled (Stripe stops retrying them too). */
  dropEndpoint(endpointId: string) {
    for (const d of this.store.state.deliveries) {
      if (d.endpointId === endpointId && d.state === 'pending') {
        d.state = 'failed'
        d.nextAttemptAt = undefined
      }
    }
    this.store.touch()
    this.notify()
  }

  stop() {
    this.stopped = true
    clearTimeout(this.timer)
    for (const w of this.waiters.splice(0)) w()
  }

  private pending() {
    return this.store.state.deliveries.some((d) => d.state === 'pending')
  }

  private notify() {
    if (this.pending()) return
    for (const w of this.waiters.splice(0)) w()
  }

  /** Starts every due attempt whose endpoint is idle, then sleeps until the next one is due. */
  pump() {
    if (this.stopped) return
    clearTimeout(this.timer)
    const now = Date.now()
    let nextDue = Infinity
    for (const d of this.store.state.deliveries) {
      if (d.state !== 'pending' || this.busy.has(d.endpointId)) continue
      const due = d.nextAttemptAt ?? now
      if (due > now) {
        nextDue = Math.min(nextDue, due)
        continue
      }
      this.busy.add(d.endpointId)
      void this.attempt(d).finally(() => {
        this.busy.delete(d.endpointId)
        this.store.save()
        this.notify()
        this.pump()
      })
    }
    if (nextDue !== Infinity) this.timer = setTimeout(() => this.pump(), Math.max(0, nextDue - Date.now()))
  }

  private async attempt(d: Delivery) {
    const endpoint = this.store.find(d.endpointId)
    const event = this.store.find(d.eventId)
    if (!endpoint || !event || endpoint.status !== 'enabled') {
      d.state = 'failed'
      d.nextAttemptAt = undefined
      return
    }
    const payload = JSON.stringify(event, null, 2)
    const t = Math.floor(Date.now() / 1000)
    let status = 0
    let error: string | undefined
    try {
      const res = await fetch(String(endpoint.url), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'Stripe-Signature': signatureHeader(payload, String(endpoint.secret), t),
        },
        body: payload,
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      })
      status = res.status
      await res.body?.cancel()
    } catch (err) {
      error = err instanceof Error ? err.message : String(err)
    }
    d.attempts.push({ at: Date.now(), status, ...(error ? { error } : {}) })
    if (status >= 200 && status < 300) {
      d.state = 'delivered'
      d.nextAttemptAt = undefined
    } else if (d.attempts.length >= this.opts.maxAttempts) {
      d.state = 'failed'
      d.nextAttemptAt = undefined
      this.log(`webhook ${event.type} (${event.id}) to ${String(endpoint.url)} failed ${d.attempts.length} times; giving up`)
    } else {
      d.nextAttemptAt = Date.now() + this.opts.initialDelayMs * this.opts.factor ** (d.attempts.length - 1)
      this.log(`webhook ${event.type} (${event.id}) to ${String(endpoint.url)}: ${error ?? `HTTP ${status}`}; retry ${d.attempts.length} of ${this.opts.maxAttempts - 1} scheduled`)
    }
    event.pending_webhooks = this.store.state.deliveries.filter((x) => x.eventId === event.id && x.state === 'pending').length
    this.store.touch()
  }
}
