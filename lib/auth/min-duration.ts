/**
 * Runs `work` and settles no earlier than `minMs` after the start, whatever the outcome, so the
 * response time does not reveal which branch ran (e.g. whether an email has an account).
 */
export async function withMinimumDuration<T>(minMs: number, work: () => Promise<T>, now = () => performance.now()): Promise<T> {
  const started = now()
  const outcome = await work().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  )
  const remaining = minMs - (now() - started)
  if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining))
  if (!outcome.ok) throw outcome.error
  return outcome.value
}
