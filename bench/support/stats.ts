/** Nearest-rank percentile of `xs` (0 < q ≤ 1); NaN for an empty sample. */
export function percentile(xs: number[], q: number): number {
  if (xs.length === 0) return Number.NaN
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

export const median = (xs: number[]) => percentile(xs, 0.5)

export const ms = (x: number) => `${x.toFixed(1)} ms`
export const seconds = (x: number) => `${(x / 1000).toFixed(2)} s`
export const MIB = 1024 * 1024
export const mb = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`

/** Milliseconds since `start` (a performance.now() reading). */
export const since = (start: number) => performance.now() - start
