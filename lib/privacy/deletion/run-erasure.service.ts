import type { SupabaseClient } from '@supabase/supabase-js'
import { z } from 'zod'
import type { OutgoingEmail } from '@/lib/email/send'
import { erasureEmails } from './erasure-emails.tsx'
import { ErasureReceiptSchema, type ErasureJob, type ErasureStep } from './erasure.schema.ts'
import { loadErasureJob, saveErasureJob } from './start-erasure.service.ts'

export const CLIENT_FILES_BUCKET = 'client-files'

export interface ErasureDeps {
  /** The service-role client. */
  admin: SupabaseClient
  sendEmail: (email: OutgoingEmail) => Promise<unknown>
  /** Removes objects through the Storage API and returns how many went; tests wrap it to inject faults. */
  removeObjects?: (paths: string[]) => Promise<number>
  /** Objects per Storage API call (the API accepts up to 1000). */
  batchSize?: number
  now?: () => Date
}

export interface ErasureResult {
  jobId: string
  counts: Record<string, number>
  files: number
  loginsRemoved: number
  billing: string
}

const NamesSchema = z.array(z.string())
const IdsSchema = z.array(z.uuid())

function storageRemover(admin: SupabaseClient) {
  return async (paths: string[]) => {
    const { data, error } = await admin.storage.from(CLIENT_FILES_BUCKET).remove(paths)
    if (error) throw new Error(`Storage refused to remove objects: ${error.message}`)
    return data.length
  }
}

async function check<T extends { error: { message: string } | null }>(what: string, result: PromiseLike<T>): Promise<T> {
  const settled = await result
  if (settled.error) throw new Error(`${what}: ${settled.error.message}`)
  return settled
}

/**
 * Runs (or resumes) an erasure job step by step. Each step is idempotent and the ledger records
 * the next step only after one has finished, so a crash at any point is repaired by running the
 * job again: removed objects are not listed twice, a deleted row deletes nothing, a deleted login
 * answers 404, and emails carry per-recipient idempotency keys.
 */
export async function runErasure(deps: ErasureDeps, jobId: string): Promise<ErasureResult> {
  const { admin } = deps
  const removeObjects = deps.removeObjects ?? storageRemover(admin)
  const batchSize = deps.batchSize ?? 100
  const now = deps.now ?? (() => new Date())
  let job = await loadErasureJob(admin, jobId)
  const result = (j: ErasureJob): ErasureResult => ({
    jobId: j.id,
    counts: j.counts,
    files: j.files_total,
    loginsRemoved: j.logins_removed,
    billing: j.billing ?? 'no billing',
  })
  if (job.step === 'done') return result(job)
  const receipt = ErasureReceiptSchema.parse(job.receipt)

  const save = async (fields: Partial<Omit<ErasureJob, 'id'>> & { last_error?: string | null }) => {
    job = await saveErasureJob(admin, job.id, fields)
  }
  const advance = (step: ErasureStep, fields: Partial<Omit<ErasureJob, 'id'>> = {}) => save({ ...fields, step })

  await save({ attempts: job.attempts + 1, last_error: null })
  try {
    if (job.step === 'billing') {
      // No billing integration exists yet: record that there was nothing to cancel.
      await advance('storage', { billing: 'no billing' })
    }
    if (job.step === 'storage') {
      for (;;) {
        const { data } = await check(
          'Listing objects to remove',
          admin.rpc('erasure_object_names', { prefix: receipt.prefix, max_names: batchSize }),
        )
        const names = NamesSchema.parse(data)
        if (names.length === 0) break
        const removed = await removeObjects(names)
        await save({ files_removed: job.files_removed + removed })
      }
      await advance('records')
    }
    if (job.step === 'records') {
      if (job.scope === 'practice') {
        await check('Deleting the practice', admin.from('practices').delete().eq('id', job.practice_id))
      } else {
        await check(
          'Deleting the client',
          admin.from('clients').delete().eq('practice_id', job.practice_id).eq('id', job.client_id),
        )
        await check(
          'Recording the erasure in the audit log',
          admin.from('audit_log').insert({
            practice_id: job.practice_id,
            actor_id: job.requested_by,
            actor_role: 'service_role',
            action: 'client.erase',
            entity: 'clients',
            entity_id: job.client_id,
          }),
        )
      }
      await advance('logins')
    }
    if (job.step === 'logins') {
      const { data } = await check('Checking logins', admin.rpc('logins_still_in_use', { user_ids: job.logins }))
      const keep = new Set(IdsSchema.parse(data))
      let removed = 0
      for (const id of job.logins) {
        if (keep.has(id)) continue
        const { error } = await admin.auth.admin.deleteUser(id)
        // 404: removed by an earlier, interrupted run of this job.
        if (error && error.status !== 404) throw new Error(`Deleting a login failed: ${error.message}`)
        removed += 1
      }
      await advance('notify', { logins_removed: removed })
    }
    if (job.step === 'notify') {
      const completedAt = now()
      for (const email of erasureEmails(job, receipt, completedAt)) await deps.sendEmail(email)
      // Only the hash, counts and timestamps stay: no ids, names or addresses.
      await advance('done', { completed_at: completedAt.toISOString(), practice_id: null, client_id: null, receipt: {} })
    }
    return result(job)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await save({ last_error: message.slice(0, 2000) })
    throw error
  }
}
