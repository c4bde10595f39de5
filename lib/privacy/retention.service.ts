import 'server-only'
import { z } from 'zod'
import { dbFailure, type Db } from '@/lib/server/db'

/** Private bucket holding audit rows past their 12 months in the table, as NDJSON per batch. */
export const AUDIT_ARCHIVE_BUCKET = 'audit-archive'
const ARCHIVE_CONTENT_TYPE = 'application/x-ndjson'

export interface RetentionDeps {
  /** The service-role client. */
  admin: Db
  /** Stores one archive object (same name, same content on a re-run); tests wrap it to inject crashes. */
  store?: (name: string, ndjson: string) => Promise<void>
  /** Audit rows per archive object. */
  batchSize?: number
  /** Bounds one run; whatever is left waits for the next day's run. */
  maxBatches?: number
}

export interface RetentionResult {
  archivedRows: number
  archiveObjects: number
  expiredObjects: number
}

const BatchSchema = z
  .object({ id: z.uuid(), object_name: z.string().min(1), rows: z.array(z.record(z.string(), z.unknown())) })
  .nullable()

function storageWriter(admin: Db) {
  return async (name: string, ndjson: string) => {
    const body = new Blob([ndjson], { type: ARCHIVE_CONTENT_TYPE })
    const { error } = await admin.storage.from(AUDIT_ARCHIVE_BUCKET).upload(name, body, { contentType: ARCHIVE_CONTENT_TYPE, upsert: true })
    if (error) throw dbFailure(`store the audit archive ${name}`, error)
  }
}

/**
 * Moves audit rows older than 12 months to the archive bucket, one batch at a time: the batch's
 * object is stored first, then exactly its rows are deleted. A run that dies in between leaves the
 * batch open in the ledger, and the next run stores the same object again before deleting.
 */
export async function archiveExpiredAuditRows(deps: RetentionDeps): Promise<{ rows: number; objects: number }> {
  const store = deps.store ?? storageWriter(deps.admin)
  const maxBatches = deps.maxBatches ?? 200
  let rows = 0
  let objects = 0
  for (let i = 0; i < maxBatches; i++) {
    const { data, error } = await deps.admin.rpc('audit_archive_next', { max_rows: deps.batchSize ?? 1000 })
    if (error) throw dbFailure('select the audit rows to archive', error)
    const batch = BatchSchema.parse(data)
    if (!batch) break
    if (batch.rows.length > 0) {
      await store(batch.object_name, batch.rows.map((row) => JSON.stringify(row)).join('\n') + '\n')
      objects += 1
    }
    const { data: removed, error: commitError } = await deps.admin.rpc('audit_archive_commit', { batch_id: batch.id })
    if (commitError) throw dbFailure('delete the archived audit rows', commitError)
    rows += removed
  }
  return { rows, objects }
}

/** Removes archive objects whose month is more than six years old; returns how many went. */
export async function removeExpiredArchives(admin: Db): Promise<number> {
  let removed = 0
  for (;;) {
    const { data, error } = await admin.rpc('audit_archive_expired', { max_names: 500 })
    if (error) throw dbFailure('list the expired audit archives', error)
    if (data.length === 0) return removed
    const { data: gone, error: removeError } = await admin.storage.from(AUDIT_ARCHIVE_BUCKET).remove(data)
    if (removeError) throw dbFailure('remove the expired audit archives', removeError)
    // Storage removing nothing it was asked to would otherwise loop forever.
    if (gone.length === 0) throw new Error('Storage removed none of the expired audit archives')
    removed += gone.length
  }
}

/** The daily retention pass: archive what left the 12-month window, then drop what passed six years. */
export async function applyAuditRetention(deps: RetentionDeps): Promise<RetentionResult> {
  const archived = await archiveExpiredAuditRows(deps)
  const expiredObjects = await removeExpiredArchives(deps.admin)
  return { archivedRows: archived.rows, archiveObjects: archived.objects, expiredObjects }
}
