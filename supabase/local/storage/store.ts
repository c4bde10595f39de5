import type { Sql, TransactionSql } from 'postgres'
import type { LocalContext } from '../types.ts'
import { asCaller, ownerColumns, type RequestScope } from './caller.ts'
import { fromDatabaseError, storageErrors } from './errors.ts'
import { objectFile } from './names.ts'

/** What every Storage route needs: the stack context plus where upload temp files go. */
export interface StorageEnv {
  ctx: LocalContext
  sql: Sql
  storageDir: string
  /** On the same filesystem as storageDir, outside it, so a temp name can never be an object. */
  tmpDir: string
}

export interface BucketRow {
  id: string
  public: boolean
  file_size_limit: string | null
  allowed_mime_types: string[] | null
}

export interface ObjectRow {
  id: string
  bucket_id: string
  name: string
  version: string | null
  metadata: ObjectMetadata | null
  user_metadata: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

/** The `metadata` column as Storage writes it. */
export interface ObjectMetadata {
  eTag: string
  size: number
  mimetype: string
  cacheControl: string
  lastModified: string
  contentLength: number
  httpStatusCode: number
}

/** Bucket lookups run as superuser, as Storage does before any per-object RLS check. */
export async function findBucketOrThrow(sql: Sql | TransactionSql, id: string): Promise<BucketRow> {
  const [bucket] = await sql<BucketRow[]>`
    select id, public, file_size_limit, allowed_mime_types from storage.buckets where id = ${id}`
  if (!bucket) throw storageErrors.noSuchBucket()
  return bucket
}

export async function findObject(tx: Sql | TransactionSql, bucketId: string, name: string): Promise<ObjectRow | undefined> {
  const [row] = await tx<ObjectRow[]>`
    select id, bucket_id, name, version, metadata, user_metadata, created_at, updated_at
    from storage.objects where bucket_id = ${bucketId} and name = ${name}`
  return row
}

/** An object as the caller may see it (RLS SELECT); hidden and missing look the same. */
export async function findObjectAsCaller(env: StorageEnv, scope: RequestScope, bucketId: string, name: string) {
  const row = await asCaller(env.sql, scope, (tx) => findObject(tx, bucketId, name))
  if (!row) throw storageErrors.noSuchKey()
  return row
}

export function fileOf(env: StorageEnv, row: Pick<ObjectRow, 'bucket_id' | 'name' | 'version'>) {
  return objectFile(env.storageDir, row.bucket_id, row.name, row.version)
}

/**
 * Storage's permission test for a write: the row insert (or upsert) runs as the caller and
 * is rolled back, so only the policies decide. A plain insert has no RETURNING (INSERT
 * policy only); the upsert returns the row, so it needs INSERT, UPDATE and SELECT.
 */
export async function assertCanUpload(
  env: StorageEnv,
  scope: RequestScope,
  target: { bucketId: string; name: string; upsert: boolean },
) {
  const { owner, owner_id } = ownerColumns(scope.caller.sub)
  try {
    await asCaller(
      env.sql,
      scope,
      async (tx) => {
        if (target.upsert) {
          await tx`
            insert into storage.objects (bucket_id, name, owner, owner_id, version)
            values (${target.bucketId}, ${target.name}, ${owner}, ${owner_id}, gen_random_uuid()::text)
            on conflict (name, bucket_id) do update
              set owner = excluded.owner, owner_id = excluded.owner_id, version = excluded.version
            returning *`
        } else {
          await tx`
            insert into storage.objects (bucket_id, name, owner, owner_id, version)
            values (${target.bucketId}, ${target.name}, ${owner}, ${owner_id}, gen_random_uuid()::text)`
        }
      },
      { rollback: true },
    )
  } catch (err) {
    throw fromDatabaseError(err, storageErrors.keyAlreadyExists) ?? err
  }
}

export interface NewVersion {
  bucketId: string
  name: string
  version: string
  owner: string | null
  ownerId: string | null
  metadata: ObjectMetadata
  userMetadata: Record<string, unknown> | null
  upsert: boolean
}

/**
 * The final write, as superuser. Returns the row id and the version it replaced, whose
 * bytes the caller deletes once this has committed.
 */
export async function writeObjectRow(tx: TransactionSql, v: NewVersion): Promise<{ id: string; replaced: string | null }> {
  const [previous] = await tx<{ version: string | null }[]>`
    select version from storage.objects where bucket_id = ${v.bucketId} and name = ${v.name} for update`
  if (previous && !v.upsert) throw storageErrors.keyAlreadyExists()
  try {
    const [row] = await tx<{ id: string }[]>`
      insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
      values (${v.bucketId}, ${v.name}, ${v.owner}, ${v.ownerId}, ${v.version},
              ${JSON.stringify(v.metadata)}::text::jsonb, ${v.userMetadata && JSON.stringify(v.userMetadata)}::text::jsonb)
      on conflict (name, bucket_id) do update
        set owner = excluded.owner, owner_id = excluded.owner_id, version = excluded.version,
            metadata = excluded.metadata, user_metadata = excluded.user_metadata,
            updated_at = now(), last_accessed_at = now()
      returning id`
    return { id: row!.id, replaced: previous?.version ?? null }
  } catch (err) {
    throw fromDatabaseError(err, storageErrors.keyAlreadyExists) ?? err
  }
}
