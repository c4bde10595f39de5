/** Nearest-rank percentile of `xs` (0 < q ≤ 1); NaN for an empty sample. */
export function percentile(xs: number[], q: number): number {
  if (xs.length === 0) return Number.NaN
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

export const median = (xs: number[]) => percentile(xs, 0.5)

export const ms = (x: number) => `${x.toFixed(1)} ms`
export const seconds = (x: number) => `${(x / 1000).toFixed(2)} s`
export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`

/** Milliseconds since `start` (a performance.now() reading). */
export const since = (start: number) => performance.now() - start
