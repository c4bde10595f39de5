import 'server-only'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { dbFailure, type Db } from '@/lib/server/db'

/**
 * Files travel from the browser straight to this private bucket (Vercel refuses function bodies
 * over 4.5 MB), each under `<practice_id>/<her user id>/<uuid>`. RLS lets a person only add objects
 * there, by a direct upload with her own session; the server completes or removes each one.
 */
export const STAGING_BUCKET = 'incoming'

/** A staged object not completed within this long is abandoned; the retention cron removes it. */
export const STAGING_MAX_AGE_MS = 60 * 60 * 1000

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const STAGING_NAME = new RegExp(`^(${UUID})/(${UUID})/${UUID}$`)

/** Whether a staging path is this person's, in this practice, and shaped as the browser makes them. */
export function isOwnStagingPath(path: string, practiceId: string, userId: string): boolean {
  const match = STAGING_NAME.exec(path)
  return match !== null && match[1] === practiceId && match[2] === userId
}

/** Removes a staged object of hers (in any of her practices) that will not be completed; another person's is left alone. */
export async function discardStaged(admin: Db, userId: string, path: string): Promise<void> {
  const match = STAGING_NAME.exec(path)
  if (match?.[2] === userId) await admin.storage.from(STAGING_BUCKET).remove([path])
}

/** The retention pass: removes staged objects older than STAGING_MAX_AGE_MS; returns how many went. */
export async function removeStaleStagedObjects(admin: Db, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - STAGING_MAX_AGE_MS).toISOString()
  let removed = 0
  for (;;) {
    const { data, error } = await admin.rpc('stale_staging_names', { older_than: cutoff, max_names: 500 })
    if (error) throw dbFailure('list the abandoned uploads', error)
    if (data.length === 0) return removed
    const { data: gone, error: removeError } = await admin.storage.from(STAGING_BUCKET).remove(data)
    if (removeError) throw dbFailure('remove the abandoned uploads', removeError)
    // Storage removing nothing it was asked to would otherwise loop forever.
    if (gone.length === 0) throw new Error('Storage removed none of the abandoned uploads')
    removed += gone.length
  }
}

const CompleteUploadSchema = z.object({
  stagingPath: z.string().max(200),
  fileName: z.string().max(1000),
  size: z.number().int().nonnegative(),
  shared: z.boolean().optional(),
})
export type CompleteUpload = z.infer<typeof CompleteUploadSchema>

/** The JSON body of a "complete" request, or a clear 400. */
export async function readCompleteUpload(request: Request): Promise<CompleteUpload> {
  const parsed = CompleteUploadSchema.safeParse(await request.json().catch(() => null))
  if (!parsed.success) throw new AppError({ code: 'validation', message: 'This upload request is not valid. Please choose the file again.' })
  return parsed.data
}
