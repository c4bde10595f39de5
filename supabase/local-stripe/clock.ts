import type { Store } from './store.ts'

/**
 * The stand-in's clock, in Unix seconds, like a Stripe test clock's `frozen_time`. A live clock runs
 * with real time plus whatever it has been advanced by (`npm run dev`); a frozen one moves only when
 * advanced (tests). Both are kept in the state, so a restart keeps the time.
 */
export class Clock {
  constructor(private readonly store: Store) {}

  now(): number {
    const c = this.store.state.clock
    return c.mode === 'frozen' ? c.time : Math.floor(Date.now() / 1000) + c.offset
  }

  /** Moves the clock to `time` (never backwards). */
  set(time: number) {
    const c = this.store.state.clock
    if (time <= this.now()) return
    if (c.mode === 'frozen') c.time = time
    else c.offset += time - this.now()
    this.store.touch()
  }
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 7 * 86400 }

/** `15d`, `36h`, `90m`, `1d12h`, `45s` → seconds; throws with a message naming the accepted units. */
export function parseDuration(text: string): number {
  const trimmed = text.trim()
  const parts = [...trimmed.matchAll(/(\d+)\s*([smhdw])/g)]
  const joined = parts.map((p) => p[0]).join('')
  if (parts.length === 0 || joined.replace(/\s/g, '') !== trimmed.replace(/\s/g, '')) {
    throw new Error(`Cannot read the duration "${text}": use a number and a unit, e.g. 15d, 36h, 90m, 1d12h (units: w, d, h, m, s).`)
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]!]!, 0)
}
