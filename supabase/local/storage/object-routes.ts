import { sendJson } from '../http.ts'
import type { Call } from './call.ts'
import { asCaller } from './caller.ts'
import { removeVersion } from './disk.ts'
import { storageErrors, StorageError } from './errors.ts'
import { assertValidKey, bucketDir } from './names.ts'
import { serveObject } from './serve.ts'
import { fileOf, findBucketOrThrow, findObject, findObjectAsCaller, type ObjectRow } from './store.ts'
import { uploadObject } from './upload.ts'

/** Storage's cap on names per remove request. */
const MAX_REMOVE = 1000

/** POST (x-upsert decides) and PUT (always an upsert) `/object/{bucket}/{key}`. */
export async function handleUpload(call: Call, bucketId: string, name: string) {
  const isUpdate = call.method === 'PUT'
  const scope = await call.scope(isUpdate ? 'storage.object.upload_update' : 'storage.object.upload')
  const upsert = isUpdate || call.header('x-upsert') === 'true'
  const { id, key } = await uploadObject(call.env, call.req, { bucketId, name, upsert, scope, sub: scope.caller.sub })
  sendJson(call.res, 200, { Id: id, Key: key })
}

/**
 * How a read may be authorised: `public` (public buckets only, no token), `authenticated`
 * (a valid token, then RLS), or `auto`, the plain `/object/{bucket}/{key}` route, which
 * serves public buckets to anyone and otherwise reads as the caller.
 */
export type ReadMode = 'public' | 'authenticated' | 'auto'

async function readableObject(call: Call, bucketId: string, name: string, mode: ReadMode): Promise<ObjectRow> {
  assertValidKey(name)
  const bucket = await findBucketOrThrow(call.env.sql, bucketId)
  if (mode === 'public') {
    if (!bucket.public) throw storageErrors.noSuchBucket()
  } else {
    let scope
    try {
      scope = await call.scope('storage.object.get_authenticated')
    } catch (err) {
      if (mode === 'authenticated' || !(err instanceof StorageError)) throw err
      if (!bucket.public) throw storageErrors.noSuchBucket()
    }
    if (scope && !bucket.public) return findObjectAsCaller(call.env, scope, bucketId, name)
  }
  const row = await findObject(call.env.sql, bucketId, name)
  if (!row) throw storageErrors.noSuchKey()
  return row
}

/** GET / HEAD of an object's bytes. */
export async function handleDownload(call: Call, bucketId: string, name: string, mode: ReadMode) {
  const row = await readableObject(call, bucketId, name, mode)
  await serveObject(call.env, call.req, call.res, row, {
    headOnly: call.method === 'HEAD',
    download: call.url.searchParams.get('download'),
  })
}

/** GET `/object/info/...`: the object's description in Storage's snake_case shape. */
export async function handleInfo(call: Call, bucketId: string, name: string, mode: ReadMode) {
  const row = await readableObject(call, bucketId, name, mode)
  sendJson(call.res, 200, {
    id: row.id,
    name: row.name,
    version: row.version,
    bucket_id: row.bucket_id,
    size: row.metadata?.size ?? null,
    content_type: row.metadata?.mimetype ?? null,
    cache_control: row.metadata?.cacheControl ?? null,
    etag: row.metadata?.eTag ?? null,
    metadata: row.user_metadata,
    last_modified: row.metadata?.lastModified ?? null,
    created_at: row.created_at,
  })
}

interface DeletedRow extends ObjectRow {
  owner: string | null
  owner_id: string | null
  last_accessed_at: Date | null
}

/**
 * Deletes as the caller: RLS silently skips rows the caller may not delete, and only the
 * bytes of rows that were really deleted are removed (after the commit).
 */
async function deleteAsCaller(call: Call, bucketId: string, names: string[]): Promise<DeletedRow[]> {
  const scope = await call.scope('storage.object.delete')
  await findBucketOrThrow(call.env.sql, bucketId)
  const rows = await asCaller(
    call.env.sql,
    scope,
    (tx) => tx<DeletedRow[]>`
      delete from storage.objects where bucket_id = ${bucketId} and name = any(${names}::text[])
      returning name, id, bucket_id, owner, owner_id, version, created_at, updated_at, last_accessed_at,
                metadata, user_metadata`,
  )
  const root = bucketDir(call.env.storageDir, bucketId)
  for (const row of rows) {
    const file = fileOf(call.env, row)
    if (file) await removeVersion(file, root)
  }
  return rows
}

/** DELETE `/object/{bucket}` with `{prefixes}` (full names): the deleted rows. */
export async function handleRemove(call: Call, bucketId: string) {
  const { prefixes } = await call.json<{ prefixes: unknown }>()
  if (!Array.isArray(prefixes) || prefixes.some((p) => typeof p !== 'string')) {
    throw storageErrors.missingParameter('prefixes')
  }
  if (prefixes.length < 1 || prefixes.length > MAX_REMOVE) throw storageErrors.invalidParameter('prefixes')
  const rows = await deleteAsCaller(call, bucketId, prefixes as string[])
  sendJson(call.res, 200, rows)
}

/** DELETE `/object/{bucket}/{key}`: one object, NoSuchKey when nothing the caller may delete. */
export async function handleDeleteOne(call: Call, bucketId: string, name: string) {
  assertValidKey(name)
  const rows = await deleteAsCaller(call, bucketId, [name])
  if (rows.length === 0) throw storageErrors.noSuchKey()
  sendJson(call.res, 200, { message: 'Successfully deleted' })
}
