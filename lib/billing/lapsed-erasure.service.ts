import 'server-only'
import { dbFailure } from '@/lib/server/db'
import { runErasure, type ErasureDeps } from '@/lib/privacy/deletion/run-erasure.service'

export interface LapsedErasureResult {
  /** Reminder emails queued (7 days and 1 day before the erasure). */
  reminders: number
  /** Practices erased, receipts sent. */
  erased: number
  /** Erasures that failed; their jobs stay open and the next run (or the retention cron) resumes them. */
  failed: number
}

/**
 * The daily pass over practices whose subscription ended: queues the reminders that are due at
 * `now`, then erases each practice whose 30 days are over. The database decides both (each
 * reminder once, each erasure under the subscription's lock, so a resubscription that landed first
 * saves the practice); running it twice acts once.
 */
export async function applyLapsedErasures(deps: ErasureDeps): Promise<LapsedErasureResult> {
  const at = (deps.now ?? (() => new Date()))().toISOString()
  const { data: reminders, error } = await deps.admin.rpc('billing_erasure_reminders', { at })
  if (error) throw dbFailure('queue the erasure reminders', error)
  const { data: jobs, error: dueError } = await deps.admin.rpc('billing_erasures_due', { at })
  if (dueError) throw dbFailure('open the erasures that are due', dueError)
  let erased = 0
  let failed = 0
  for (const jobId of jobs) {
    try {
      await runErasure(deps, jobId)
      erased += 1
    } catch (cause) {
      console.error('[billing] lapsed erasure failed', jobId, cause)
      failed += 1
    }
  }
  return { reminders, erased, failed }
}
