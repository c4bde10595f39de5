import 'server-only'
import { z } from 'zod'
import { endPracticeBilling } from '@/lib/billing/end-billing.service'
import { STAGING_BUCKET } from '@/lib/documents/staging'
import { DOCUMENTS_BUCKET } from '@/lib/documents/store'
import { FORM_PDFS_BUCKET } from '@/lib/paperwork/pdf/bucket'
import type { OutgoingEmail } from '@/lib/email/send'
import type { Db } from '@/lib/server/db'
import { AUDIT_ARCHIVE_BUCKET } from '../retention.service.ts'
import { erasureEmails } from './erasure-emails.tsx'
import { ErasureReceiptSchema, type ErasureJob, type ErasureJobPatch, type ErasureStep } from './erasure.schema.ts'
import { loadErasureJob, saveErasureJob } from './start-erasure.service.ts'

export interface ErasureDeps {
  /** The service-role client. */
  admin: Db
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

function storageRemover(admin: Db, bucket = DOCUMENTS_BUCKET) {
  return async (paths: string[]) => {
    const { data, error } = await admin.storage.from(bucket).remove(paths)
    if (error) throw new Error(`Storage refused to remove objects: ${error.message}`)
    return data.length
  }
}

/** The practice's archived audit trail goes with it (a client's erasure keeps the practice's trail). */
async function removeAuditArchive(admin: Db, practiceId: string, batchSize: number) {
  const remove = storageRemover(admin, AUDIT_ARCHIVE_BUCKET)
  for (;;) {
    const { data, error } = await admin.rpc('audit_archive_objects', { target_practice: practiceId, after_name: '', max_names: batchSize })
    if (error) throw new Error(`Listing audit archives to remove: ${error.message}`)
    if (data.length === 0) return
    if ((await remove(data.map((o) => o.name))) === 0) throw new Error('Storage removed none of the audit archives')
  }
}

async function check<T extends { error: { message: string } | null }>(what: string, result: PromiseLike<T>): Promise<T> {
  const settled = await result
  if (settled.error) throw new Error(`${what}: ${settled.error.message}`)
  return settled
}

/**
 * Runs (or resumes) an erasure job step by step. The open job itself is the lock: from the moment
 * it was recorded, every write to the practice (or client) is refused, so the rows go first and the
 * storage sweep after them finds everything that was ever stored. Each step is idempotent and the ledger records
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
  // The ledger clears the subject's ids only when a job is done; an open job without them is corrupt.
  const practiceId = job.practice_id
  const clientId = job.client_id
  if (!practiceId || (job.scope === 'client' && !clientId)) throw new Error(`Erasure job ${job.id} has lost its subject`)

  const save = async (fields: ErasureJobPatch) => {
    job = await saveErasureJob(admin, job.id, fields)
  }
  const advance = (step: ErasureStep, fields: ErasureJobPatch = {}) => save({ ...fields, step })
  /** Removes every object a listing names, a batch at a time, counting them on the ledger as it goes. */
  const sweep = async (
    what: string,
    list: () => PromiseLike<{ data: unknown; error: { message: string } | null }>,
    remove: (paths: string[]) => Promise<number>,
  ) => {
    for (;;) {
      const { data } = await check(`Listing ${what} to remove`, list())
      const names = NamesSchema.parse(data)
      if (names.length === 0) return
      const removed = await remove(names)
      // A batch that removes nothing would be listed again forever.
      if (removed === 0) throw new Error(`Storage removed none of the ${what}`)
      await save({ files_removed: job.files_removed + removed })
    }
  }

  await save({ attempts: job.attempts + 1, last_error: null })
  try {
    if (job.step === 'billing') {
      // A client's erasure leaves the practice's subscription alone.
      await advance('records', { billing: job.scope === 'practice' ? await endPracticeBilling(admin, practiceId) : 'no billing' })
    }
    if (job.step === 'records') {
      if (job.scope === 'practice') {
        await check('Deleting the practice', admin.from('practices').delete().eq('id', practiceId))
      } else if (clientId) {
        await check('Deleting the client', admin.from('clients').delete().eq('practice_id', practiceId).eq('id', clientId))
        await check(
          'Recording the erasure in the audit log',
          admin.from('audit_log').insert({
            practice_id: practiceId,
            actor_id: job.requested_by,
            actor_role: 'service_role',
            action: 'client.erase',
            entity: 'clients',
            entity_id: clientId,
          }),
        )
      }
      await advance('storage')
    }
    if (job.step === 'storage') {
      await sweep('objects', () => admin.rpc('erasure_object_names', { prefix: receipt.prefix, max_names: batchSize }), removeObjects)
      // Form PDFs live in their own bucket under the same prefix.
      await sweep(
        'form PDFs',
        () => admin.rpc('erasure_form_pdf_names', { prefix: receipt.prefix, max_names: batchSize }),
        storageRemover(admin, FORM_PDFS_BUCKET),
      )
      // Uploads staged and never completed: everything under the practice, or the client's own folder.
      const stagingPrefixes = job.scope === 'practice' ? [receipt.prefix] : job.logins.map((login) => `${practiceId}/${login}/`)
      for (const prefix of stagingPrefixes) {
        await sweep(
          'staged uploads',
          () => admin.rpc('erasure_staging_names', { prefix, max_names: batchSize }),
          storageRemover(admin, STAGING_BUCKET),
        )
      }
      if (job.scope === 'practice') await removeAuditArchive(admin, practiceId, batchSize)
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
