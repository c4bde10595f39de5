import { sendJson } from '../http.ts'
import type { Call } from './call.ts'
import { asCaller } from './caller.ts'
import { storageErrors } from './errors.ts'
import { findBucketOrThrow } from './store.ts'

const SORT_COLUMNS = new Set(['name', 'created_at', 'updated_at', 'last_accessed_at'])
const MAX_LIMIT = 1000

interface ListBody {
  prefix: unknown
  limit: unknown
  offset: unknown
  search: unknown
  sortBy: { column?: unknown; order?: unknown }
}

function likeEscape(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function intOr(value: unknown, fallback: number, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw storageErrors.invalidParameter(name)
  }
  return value
}

/**
 * POST `/object/list/{bucket}`: one folder level below `prefix`, as Storage's
 * `storage.search` computes it, run as the caller so RLS hides what they may not SELECT.
 * Sub-folders come back as entries with `id: null` and no timestamps or metadata.
 */
export async function handleList(call: Call, bucketId: string) {
  const scope = await call.scope('storage.object.list')
  const body = await call.json<ListBody>()
  let prefix = typeof body.prefix === 'string' ? body.prefix : ''
  if (prefix.length > 0 && !prefix.endsWith('/')) prefix += '/'
  const search = typeof body.search === 'string' ? body.search : ''
  const limit = intOr(body.limit, 100, 'limit', MAX_LIMIT)
  const offset = intOr(body.offset, 0, 'offset')
  const column = typeof body.sortBy?.column === 'string' ? body.sortBy.column : 'name'
  if (!SORT_COLUMNS.has(column)) throw storageErrors.invalidParameter('sortBy.column')
  const descending = typeof body.sortBy?.order === 'string' && body.sortBy.order.toLowerCase() === 'desc'
  const level = prefix.split('/').length
  const pattern = `${likeEscape(prefix)}${likeEscape(search)}%`

  await findBucketOrThrow(call.env.sql, bucketId)
  const rows = await asCaller(
    call.env.sql,
    scope,
    (tx) => tx`
      with matches as (
        select path_tokens[${level}::int] as segment, array_length(path_tokens, 1) as depth,
               id, updated_at, created_at, last_accessed_at, metadata
        from storage.objects
        where bucket_id = ${bucketId} and name ilike ${pattern}
      ), entries as (
        select segment as name, null::uuid as id, null::timestamptz as updated_at,
               null::timestamptz as created_at, null::timestamptz as last_accessed_at, null::jsonb as metadata
        from matches where depth > ${level}::int
        group by segment
        union all
        select segment, id, updated_at, created_at, last_accessed_at, metadata
        from matches where depth = ${level}::int
      )
      select name, id, updated_at, created_at, last_accessed_at, metadata from entries
      order by ${tx(column)} ${descending ? tx`desc` : tx`asc`}, name collate "C"
      limit ${limit} offset ${offset}`,
  )
  sendJson(call.res, 200, rows)
}
