import 'server-only'
import { PG_ERROR, type Db } from '@/lib/server/db'
import { AppError } from '@/lib/errors'
import type { Eraser } from './authorize-erasure.ts'
import { ErasureJobSchema, type ErasureJob, type ErasureJobPatch, type ErasureScope } from './erasure.schema.ts'

export interface ErasureTarget {
  scope: ErasureScope
  practiceId: string
  clientId?: string
}

const ledgerError = (cause: unknown) =>
  new AppError({ code: 'internal', message: 'We could not read the deletion ledger.', cause })

export async function loadErasureJob(admin: Db, id: string): Promise<ErasureJob> {
  const { data, error } = await admin.rpc('erasure_job', { job_id: id })
  if (error || data === null) throw ledgerError(error)
  return ErasureJobSchema.parse(data)
}

export async function saveErasureJob(admin: Db, id: string, patch: ErasureJobPatch): Promise<ErasureJob> {
  const { data, error } = await admin.rpc('erasure_job_save', { job_id: id, patch })
  if (error) throw new Error(`Updating the deletion ledger: ${error.message}`)
  return ErasureJobSchema.parse(data)
}

/**
 * Records the erasure in the ledger with everything counted before anything is deleted, or
 * returns the job already open for this subject (a retry resumes it rather than recounting).
 */
export async function startErasure(admin: Db, target: ErasureTarget, eraser: Eraser): Promise<ErasureJob> {
  // The generated types make every function argument a non-null string, but erasure_open takes
  // null for the client of a practice-wide erasure and for a requester without an email.
  const nullable = (value: string | null | undefined) => (value ?? null) as string
  const { data, error } = await admin.rpc('erasure_open', {
    erase_scope: target.scope,
    erase_practice: target.practiceId,
    erase_client: nullable(target.scope === 'client' ? target.clientId : null),
    requester: eraser.userId,
    requester_email: nullable(eraser.email),
    practice_name: eraser.practiceName,
  })
  if (error) {
    if (error.code === PG_ERROR.noDataFound) throw new AppError({ code: 'not_found', message: 'There is nothing to delete.' })
    throw new AppError({ code: 'internal', message: 'We could not start the deletion.', cause: error })
  }
  return ErasureJobSchema.parse(data)
}
