import { AppError } from '@/lib/errors'
import type { Db } from '@/lib/practice/db'
import { enforceRateLimit, RATE_LIMITS } from '@/lib/security/rate-limit'
import { requireAccountEraser, requireClientEraser } from './authorize-erasure.ts'
import { runErasure, type ErasureDeps, type ErasureResult } from './run-erasure.service.ts'
import { startErasure } from './start-erasure.service.ts'

/**
 * The whole account, confirmed by its owner. `userClient` carries the caller's session; the
 * deletion itself runs with the service role only after every check has passed, the last of
 * which is the caller's rate limit.
 */
export async function eraseAccount(
  userClient: Db,
  deps: ErasureDeps,
  input: { practiceId: string; typedName: string },
): Promise<ErasureResult> {
  const eraser = await requireAccountEraser(userClient, input.practiceId, input.typedName)
  await enforceRateLimit(deps.admin, eraser.userId, RATE_LIMITS.accountErasure)
  const job = await startErasure(deps.admin, { scope: 'practice', practiceId: input.practiceId }, eraser)
  return runErasure(deps, job.id)
}

/** One client of the practice, confirmed by an owner or admin. */
export async function eraseClient(
  userClient: Db,
  deps: ErasureDeps,
  input: { practiceId: string; clientId: string; typedName: string },
): Promise<ErasureResult> {
  const eraser = await requireClientEraser(userClient, input.practiceId, input.clientId, input.typedName)
  await enforceRateLimit(deps.admin, eraser.userId, RATE_LIMITS.clientErasure)
  const job = await startErasure(deps.admin, { scope: 'client', ...input }, eraser)
  return runErasure(deps, job.id)
}

/**
 * Finishes jobs an interruption left open (the requester may have lost her login by then, so
 * resuming needs no session). Returns how many were completed; failures stay open for next time.
 */
export async function resumeOpenErasures(deps: ErasureDeps, idleSeconds = 300): Promise<{ resumed: number; failed: number }> {
  const { data, error } = await deps.admin.rpc('erasure_stalled_jobs', { idle: `${idleSeconds} seconds` })
  if (error) throw new AppError({ code: 'internal', message: 'We could not read the deletion ledger.', cause: error })
  let resumed = 0
  let failed = 0
  for (const id of data) {
    try {
      await runErasure(deps, id)
      resumed += 1
    } catch (cause) {
      console.error('[erasure] resume failed', id, cause)
      failed += 1
    }
  }
  return { resumed, failed }
}
