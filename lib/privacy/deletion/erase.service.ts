import 'server-only'
import { AppError, type AppErrorCode } from '@/lib/errors'
import type { RequestMeta } from '@/lib/security/client-ip'
import type { Db } from '@/lib/server/db'
import { enforceRateLimit, RATE_LIMITS } from '@/lib/security/rate-limit'
import { recordAuditEvent } from '../audit/record-event.ts'
import { requireAccountEraser, requireClientEraser } from './authorize-erasure.ts'
import { runErasure, type ErasureDeps, type ErasureResult } from './run-erasure.service.ts'
import { startErasure } from './start-erasure.service.ts'

/** Refusals a person can cause (wrong name typed, stale sign-in, wrong role, unknown client, too many tries). */
const DENIALS = new Set<AppErrorCode>(['unauthorized', 'forbidden', 'not_found', 'validation', 'rate_limited'])

interface Attempt {
  practiceId: string
  action: 'account.erase' | 'client.erase'
  entity: 'practices' | 'clients'
  entityId: string
}

/**
 * Runs the checks that guard an erasure. When one refuses, the attempt goes on the practice's audit
 * trail as denied, as the caller (S42), before the refusal reaches her. Someone outside the practice
 * cannot go on its trail (the database refuses her as an actor); the refusal she gets is unchanged.
 */
async function checked<T>(userClient: Db, admin: Db, meta: RequestMeta, attempt: Attempt, checks: () => Promise<T>): Promise<T> {
  try {
    return await checks()
  } catch (refusal) {
    if (refusal instanceof AppError && DENIALS.has(refusal.code)) {
      const { data } = await userClient.auth.getClaims()
      const actorId = data?.claims.sub
      if (typeof actorId === 'string') {
        const event = { practiceId: attempt.practiceId, actorId, action: attempt.action, entity: attempt.entity, entityId: attempt.entityId, outcome: 'denied' } as const
        await recordAuditEvent(admin, event, meta).catch((error: unknown) => {
          if (!(error instanceof AppError && error.code === 'forbidden')) console.error('[erasure] recording a refused attempt', error)
        })
      }
    }
    throw refusal
  }
}

/**
 * The whole account, confirmed by its owner. `userClient` carries the caller's session; the
 * deletion itself runs with the service role only after every check has passed, the last of
 * which is the caller's rate limit.
 */
export async function eraseAccount(
  userClient: Db,
  deps: ErasureDeps,
  input: { practiceId: string; typedName: string; meta: RequestMeta },
): Promise<ErasureResult> {
  const attempt: Attempt = { practiceId: input.practiceId, action: 'account.erase', entity: 'practices', entityId: input.practiceId }
  const eraser = await checked(userClient, deps.admin, input.meta, attempt, async () => {
    const owner = await requireAccountEraser(userClient, input.practiceId, input.typedName)
    await enforceRateLimit(deps.admin, owner.userId, RATE_LIMITS.accountErasure)
    return owner
  })
  const job = await startErasure(deps.admin, { scope: 'practice', practiceId: input.practiceId }, eraser)
  return runErasure(deps, job.id)
}

/** One client of the practice, confirmed by an owner or admin. */
export async function eraseClient(
  userClient: Db,
  deps: ErasureDeps,
  input: { practiceId: string; clientId: string; typedName: string; meta: RequestMeta },
): Promise<ErasureResult> {
  const attempt: Attempt = { practiceId: input.practiceId, action: 'client.erase', entity: 'clients', entityId: input.clientId }
  const eraser = await checked(userClient, deps.admin, input.meta, attempt, async () => {
    const member = await requireClientEraser(userClient, input.practiceId, input.clientId, input.typedName)
    await enforceRateLimit(deps.admin, member.userId, RATE_LIMITS.clientErasure)
    return member
  })
  const job = await startErasure(deps.admin, { scope: 'client', practiceId: input.practiceId, clientId: input.clientId }, eraser)
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
