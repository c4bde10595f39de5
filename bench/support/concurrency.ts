import { percentile } from './stats.ts'

export interface LoadResult {
  latencies: number[]
  p50: number
  p95: number
  /** Wall time of the whole run. */
  elapsed: number
}

/**
 * Runs `task` `total` times with exactly `concurrency` calls in flight until the work runs out, and
 * returns each call's latency. A failed call fails the run: a fast error must not pass for a fast page.
 */
export async function runConcurrently(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = []
  let next = 0
  const start = performance.now()
  const worker = async () => {
    while (next < total) {
      const i = next++
      const t = performance.now()
      await task(i)
      latencies.push(performance.now() - t)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker))
  return { latencies, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), elapsed: performance.now() - start }
}
