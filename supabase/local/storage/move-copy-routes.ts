import { sendJson } from '../http.ts'
import type { Call } from './call.ts'
import { asCaller, asService, ownerColumns } from './caller.ts'
import { removeVersion } from './disk.ts'
import { fromDatabaseError, storageErrors } from './errors.ts'
import { assertValidKey, bucketDir } from './names.ts'
import { assertCanUpload, fileOf, findBucketOrThrow, findObject, findObjectAsCaller, writeObjectRow } from './store.ts'
import { duplicateBytes } from './upload.ts'

interface TransferBody {
  bucketId: unknown
  sourceKey: unknown
  destinationKey: unknown
  destinationBucket: unknown
}

function stringField(body: Partial<TransferBody>, name: keyof TransferBody): string {
  const value = body[name]
  if (typeof value !== 'string' || value === '') throw storageErrors.missingParameter(name)
  return value
}

async function readTransfer(call: Call) {
  const body = await call.json<TransferBody>()
  const bucketId = stringField(body, 'bucketId')
  const sourceKey = assertValidKey(stringField(body, 'sourceKey'))
  const destinationKey = assertValidKey(stringField(body, 'destinationKey'))
  const destinationBucket =
    typeof body.destinationBucket === 'string' && body.destinationBucket !== '' ? body.destinationBucket : bucketId
  await findBucketOrThrow(call.env.sql, bucketId)
  if (destinationBucket !== bucketId) await findBucketOrThrow(call.env.sql, destinationBucket)
  return { bucketId, sourceKey, destinationKey, destinationBucket }
}

/**
 * POST `/object/move`: SELECT on the source and UPDATE (USING the old row, WITH CHECK the
 * renamed one) as the caller, in one transaction. The bytes are copied to the new version
 * before the commit and the old version removed after it.
 */
export async function handleMove(call: Call) {
  const scope = await call.scope('storage.object.move')
  const t = await readTransfer(call)
  const { owner, owner_id } = ownerColumns(scope.caller.sub)
  const env = call.env
  let copied: { version: string; dest: string } | undefined
  try {
    const source = await asCaller(env.sql, scope, async (tx) => {
      const [row] = await tx<{ id: string; bucket_id: string; name: string; version: string | null }[]>`
        select id, bucket_id, name, version from storage.objects
        where bucket_id = ${t.bucketId} and name = ${t.sourceKey} for update`
      if (!row) throw storageErrors.noSuchKey()
      copied = await duplicateBytes(env, fileOf(env, row), t.destinationBucket, t.destinationKey)
      const updated = await tx`
        update storage.objects
        set bucket_id = ${t.destinationBucket}, name = ${t.destinationKey}, version = ${copied.version},
            owner = ${owner}, owner_id = ${owner_id}, updated_at = now()
        where id = ${row.id}
        returning id`
      if (updated.length === 0) throw storageErrors.rlsViolation()
      return row
    })
    const old = fileOf(env, source)
    if (old) await removeVersion(old, bucketDir(env.storageDir, source.bucket_id))
  } catch (err) {
    if (copied) await removeVersion(copied.dest, bucketDir(env.storageDir, t.destinationBucket))
    throw fromDatabaseError(err, storageErrors.keyAlreadyExists) ?? err
  }
  sendJson(call.res, 200, { message: 'Successfully moved' })
}

/**
 * POST `/object/copy`: SELECT on the source and the upload permission test on the
 * destination as the caller; the new row is then written as superuser, owned by the caller.
 */
export async function handleCopy(call: Call) {
  const scope = await call.scope('storage.object.copy')
  const t = await readTransfer(call)
  const env = call.env
  const upsert = call.header('x-upsert') === 'true'
  await findObjectAsCaller(env, scope, t.bucketId, t.sourceKey)
  await assertCanUpload(env, scope, { bucketId: t.destinationBucket, name: t.destinationKey, upsert })
  const source = await findObject(env.sql, t.bucketId, t.sourceKey)
  if (!source?.metadata) throw storageErrors.noSuchKey()
  const copied = await duplicateBytes(env, fileOf(env, source), t.destinationBucket, t.destinationKey)
  const root = bucketDir(env.storageDir, t.destinationBucket)
  const { owner, owner_id } = ownerColumns(scope.caller.sub)
  try {
    const written = await asService(env.sql, (tx) =>
      writeObjectRow(tx, {
        bucketId: t.destinationBucket,
        name: t.destinationKey,
        version: copied.version,
        owner,
        ownerId: owner_id,
        metadata: { ...source.metadata!, lastModified: new Date().toISOString() },
        userMetadata: source.user_metadata,
        upsert,
      }),
    )
    const replaced = fileOf(env, { bucket_id: t.destinationBucket, name: t.destinationKey, version: written.replaced })
    if (replaced) await removeVersion(replaced, root)
    sendJson(call.res, 200, { Id: written.id, Key: `${t.destinationBucket}/${t.destinationKey}` })
  } catch (err) {
    await removeVersion(copied.dest, root)
    throw err
  }
}
