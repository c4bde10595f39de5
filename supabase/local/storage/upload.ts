import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { asService, ownerColumns, type RequestScope } from './caller.ts'
import { copyVersion, placeFile, removeVersion } from './disk.ts'
import { assertValidKey, bucketDir, objectFile } from './names.ts'
import {
  assertCanUpload,
  findBucketOrThrow,
  writeObjectRow,
  type BucketRow,
  type ObjectMetadata,
  type StorageEnv,
} from './store.ts'
import { receiveUpload } from './upload-body.ts'

export interface UploadTarget {
  bucketId: string
  name: string
  upsert: boolean
  /** The caller whose policies decide; absent for signed-upload tokens, which were checked when issued. */
  scope?: RequestScope
  /** The subject recorded as owner (the caller's, or the signed token's). */
  sub: string | undefined
}

/** Bucket limit if set, never above the global `[storage] file_size_limit`. */
function sizeLimit(env: StorageEnv, bucket: BucketRow): number {
  const global = env.ctx.config.storage.fileSizeLimit
  return bucket.file_size_limit === null ? global : Math.min(Number(bucket.file_size_limit), global)
}

/**
 * Storage's upload: bucket lookup, RLS permission test as the caller (rolled back), the
 * body streamed to a temp file under the size and MIME rules, the bytes placed under a new
 * version, then the row written as superuser. Any failure leaves neither a row nor a file.
 */
export async function uploadObject(env: StorageEnv, req: IncomingMessage, target: UploadTarget) {
  const name = assertValidKey(target.name)
  const bucket = await findBucketOrThrow(env.sql, target.bucketId)
  if (target.scope) await assertCanUpload(env, target.scope, { bucketId: bucket.id, name, upsert: target.upsert })
  const file = await receiveUpload(req, env.tmpDir, {
    maxBytes: sizeLimit(env, bucket),
    allowedMimeTypes: bucket.allowed_mime_types,
  })
  const version = randomUUID()
  const dest = objectFile(env.storageDir, bucket.id, name, version)!
  const root = bucketDir(env.storageDir, bucket.id)
  const metadata: ObjectMetadata = {
    eTag: file.eTag,
    size: file.size,
    mimetype: file.mimetype,
    cacheControl: file.cacheControl,
    lastModified: new Date().toISOString(),
    contentLength: file.size,
    httpStatusCode: 200,
  }
  const { owner, owner_id } = ownerColumns(target.sub)
  try {
    await placeFile(file.tmpPath, dest)
    const written = await asService(env.sql, (tx) =>
      writeObjectRow(tx, {
        bucketId: bucket.id,
        name,
        version,
        owner,
        ownerId: owner_id,
        metadata,
        userMetadata: file.userMetadata,
        upsert: target.upsert,
      }),
    )
    const replaced = objectFile(env.storageDir, bucket.id, name, written.replaced)
    if (replaced) await removeVersion(replaced, root)
    return { id: written.id, key: `${bucket.id}/${name}` }
  } catch (err) {
    await rm(file.tmpPath, { force: true })
    await removeVersion(dest, root)
    throw err
  }
}

/** Copies the bytes of one version to a new version path; used by copy and move. */
export async function duplicateBytes(env: StorageEnv, from: string | undefined, bucketId: string, name: string) {
  const version = randomUUID()
  const dest = objectFile(env.storageDir, bucketId, name, version)!
  if (from) await copyVersion(from, dest)
  return { version, dest }
}
