import { AuthError } from './errors.ts'

/** GoTrue's IP limits are counted per five minutes. */
const WINDOW_MS = 5 * 60 * 1000

export type LimitKind = 'signInSignUps' | 'tokenVerifications' | 'tokenRefresh'

/** Fixed-window counters per (kind, IP); limits are read on each hit so config changes apply. */
export class IpRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>()

  constructor(private readonly limits: () => Record<LimitKind, number>) {}

  hit(kind: LimitKind, ip: string) {
    const key = `${kind}:${ip}`
    const now = Date.now()
    let w = this.windows.get(key)
    if (!w || now - w.start >= WINDOW_MS) {
      w = { start: now, count: 0 }
      this.windows.set(key, w)
    }
    w.count++
    if (w.count > this.limits()[kind]) {
      throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached')
    }
  }
}
