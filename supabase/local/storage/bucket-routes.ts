import { rm } from 'node:fs/promises'
import { parseSize } from '../config.ts'
import { sendJson } from '../http.ts'
import type { Call } from './call.ts'
import { asCaller, asService, ownerColumns } from './caller.ts'
import { fromDatabaseError, storageErrors } from './errors.ts'
import { bucketDir, isValidBucketName } from './names.ts'

interface BucketBody {
  id: unknown
  name: unknown
  public: unknown
  file_size_limit: unknown
  allowed_mime_types: unknown
  type: unknown
}

interface BucketJson {
  id: string
  name: string
  owner: string | null
  public: boolean
  file_size_limit: number | null
  allowed_mime_types: string[] | null
  created_at: Date
  updated_at: Date
}

/** Bucket routes run as the caller: with no policies on storage.buckets only service_role passes. */
const BUCKET_COLUMNS = ['id', 'name', 'owner', 'public', 'file_size_limit', 'allowed_mime_types', 'created_at', 'updated_at']

function toJson(row: Record<string, unknown>): BucketJson {
  const limit = row.file_size_limit
  return { ...(row as unknown as BucketJson), file_size_limit: limit === null ? null : Number(limit) }
}

/** `file_size_limit` as bytes, or a size string such as "1mb" / "50MiB"; null clears it. */
function sizeOf(value: unknown): number | null {
  if (value === null || value === undefined) return null
  try {
    const bytes = parseSize(value)
    if (bytes === null || !Number.isFinite(bytes) || bytes < 0) throw storageErrors.invalidFileSizeLimit()
    return Math.floor(bytes)
  } catch {
    throw storageErrors.invalidFileSizeLimit()
  }
}

function mimeTypesOf(value: unknown): string[] | null {
  if (value === null || value === undefined) return null
  if (!Array.isArray(value) || value.some((m) => typeof m !== 'string' || !/^[\w.+-]+\/[\w.+*-]+$/.test(m))) {
    throw storageErrors.invalidParameter('allowed_mime_types')
  }
  return value as string[]
}

function bucketIdOf(body: Partial<BucketBody>): string {
  const id = typeof body.id === 'string' ? body.id : typeof body.name === 'string' ? body.name : undefined
  if (id === undefined) throw storageErrors.missingParameter('name')
  if (!isValidBucketName(id)) throw storageErrors.invalidBucketName()
  return id
}

export async function handleCreateBucket(call: Call) {
  const scope = await call.scope('storage.bucket.create')
  const body = await call.json<BucketBody>()
  const id = bucketIdOf(body)
  const { owner, owner_id } = ownerColumns(scope.caller.sub)
  const type = typeof body.type === 'string' ? body.type : 'STANDARD'
  try {
    await asCaller(call.env.sql, scope, (tx) => tx`
      insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types, type)
      values (${id}, ${id}, ${owner}, ${owner_id}, ${body.public === true}, ${sizeOf(body.file_size_limit)},
              ${mimeTypesOf(body.allowed_mime_types)}, ${type})`)
  } catch (err) {
    throw fromDatabaseError(err, storageErrors.bucketAlreadyExists) ?? err
  }
  sendJson(call.res, 200, { name: id })
}

export async function handleGetBucket(call: Call, id: string) {
  const scope = await call.scope('storage.bucket.get')
  const [row] = await asCaller(call.env.sql, scope, (tx) => tx`
    select ${tx(BUCKET_COLUMNS)} from storage.buckets where id = ${id}`)
  if (!row) throw storageErrors.noSuchBucket()
  sendJson(call.res, 200, toJson(row))
}

export async function handleListBuckets(call: Call) {
  const scope = await call.scope('storage.bucket.list')
  const params = call.url.searchParams
  const limit = Number(params.get('limit') ?? NaN)
  const offset = Number(params.get('offset') ?? 0)
  const search = params.get('search') ?? ''
  const rows = await asCaller(call.env.sql, scope, (tx) => tx`
    select ${tx(BUCKET_COLUMNS)} from storage.buckets
    where name ilike ${`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}
    order by name
    limit ${Number.isInteger(limit) && limit >= 0 ? limit : null}
    offset ${Number.isInteger(offset) && offset >= 0 ? offset : 0}`)
  sendJson(call.res, 200, rows.map(toJson))
}

export async function handleUpdateBucket(call: Call, id: string) {
  const scope = await call.scope('storage.bucket.update')
  const body = await call.json<BucketBody>()
  const changes: Record<string, unknown> = {}
  if (body.public !== undefined) changes.public = body.public === true
  if ('file_size_limit' in body) changes.file_size_limit = sizeOf(body.file_size_limit)
  if ('allowed_mime_types' in body) changes.allowed_mime_types = mimeTypesOf(body.allowed_mime_types)
  const rows = await asCaller(call.env.sql, scope, (tx) =>
    Object.keys(changes).length === 0
      ? tx`select id from storage.buckets where id = ${id}`
      : tx`update storage.buckets set ${tx(changes)}, updated_at = now() where id = ${id} returning id`,
  )
  if (rows.length === 0) throw storageErrors.noSuchBucket()
  sendJson(call.res, 200, { message: 'Successfully updated' })
}

/** POST `/bucket/{id}/empty`: service_role only; rows and bytes go at once (Storage queues it). */
export async function handleEmptyBucket(call: Call, id: string) {
  const scope = await call.scope('storage.bucket.empty')
  if (scope.caller.role !== 'service_role') throw storageErrors.accessDenied('Access denied', 403)
  const [bucket] = await asCaller(call.env.sql, scope, (tx) => tx`select id from storage.buckets where id = ${id}`)
  if (!bucket) throw storageErrors.noSuchBucket()
  await asService(call.env.sql, (tx) => tx`delete from storage.objects where bucket_id = ${id}`)
  await rm(bucketDir(call.env.storageDir, id), { recursive: true, force: true })
  sendJson(call.res, 200, { message: 'Empty bucket has been queued. Completion may take up to an hour.' })
}

export async function handleDeleteBucket(call: Call, id: string) {
  const scope = await call.scope('storage.bucket.delete')
  let deleted
  try {
    deleted = await asCaller(call.env.sql, scope, async (tx) => {
      const [bucket] = await tx`select id from storage.buckets where id = ${id}`
      if (!bucket) throw storageErrors.noSuchBucket()
      // Counted as superuser: objects the caller cannot see still keep the bucket alive.
      const [used] = await call.env.sql`select 1 from storage.objects where bucket_id = ${id} limit 1`
      if (used) throw storageErrors.bucketNotEmpty()
      return tx`delete from storage.buckets where id = ${id} returning id`
    })
  } catch (err) {
    throw fromDatabaseError(err, storageErrors.bucketAlreadyExists, storageErrors.bucketNotEmpty) ?? err
  }
  if (deleted.length === 0) throw storageErrors.noSuchBucket()
  await rm(bucketDir(call.env.storageDir, id), { recursive: true, force: true })
  sendJson(call.res, 200, { message: 'Successfully deleted' })
}
