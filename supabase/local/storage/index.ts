/**
 * The Storage API of the stand-in (paths below /storage/v1), answering storage-js as
 * supabase/storage does. Access is decided only by Postgres: every object read, write,
 * list and delete runs as the caller's role with RLS on storage.objects; superuser steps
 * (bucket lookups, the final row write, signed-URL reads) follow Storage's own choices.
 * Bytes live under ctx.storageDir; the request body of an upload is never held in memory.
 */
import { mkdirSync, rmSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { sendJson } from '../http.ts'
import type { LocalContext, Service } from '../types.ts'
import {
  handleCreateBucket,
  handleDeleteBucket,
  handleEmptyBucket,
  handleGetBucket,
  handleListBuckets,
  handleUpdateBucket,
} from './bucket-routes.ts'
import { Call } from './call.ts'
import { sendStorageError, StorageError, storageErrors } from './errors.ts'
import { handleList } from './list-route.ts'
import { handleCopy, handleMove } from './move-copy-routes.ts'
import { decodeSegments } from './names.ts'
import { handleDeleteOne, handleDownload, handleInfo, handleRemove, handleUpload, type ReadMode } from './object-routes.ts'
import {
  handleSign,
  handleSignedDownload,
  handleSignedUpload,
  handleSignMany,
  handleSignUpload,
} from './signed-routes.ts'
import type { StorageEnv } from './store.ts'

type Handler = () => Promise<void>

const READ = new Set(['GET', 'HEAD'])

/** `[bucket, key]` from the segments after a route prefix; the key may be empty. */
function target(segments: string[]): [string, string] {
  const [bucket = '', ...rest] = segments
  return [decodeSegments([bucket]), rest.length === 0 ? '' : decodeSegments(rest)]
}

function bucketRoute(call: Call, segments: string[]): Handler | undefined {
  const [id, action] = segments
  const m = call.method
  if (id === undefined || id === '') {
    if (m === 'GET') return () => handleListBuckets(call)
    if (m === 'POST') return () => handleCreateBucket(call)
    return undefined
  }
  const bucketId = decodeSegments([id])
  if (action === 'empty' && segments.length === 2 && m === 'POST') return () => handleEmptyBucket(call, bucketId)
  if (segments.length !== 1) return undefined
  if (m === 'GET') return () => handleGetBucket(call, bucketId)
  if (m === 'PUT') return () => handleUpdateBucket(call, bucketId)
  if (m === 'DELETE') return () => handleDeleteBucket(call, bucketId)
  return undefined
}

function readRoute(call: Call, segments: string[], info: boolean): Handler | undefined {
  let mode: ReadMode = 'auto'
  let rest = segments
  if (segments[0] === 'public' || segments[0] === 'authenticated') {
    mode = segments[0]
    rest = segments.slice(1)
  }
  if (!READ.has(call.method) || rest.length < 2) return undefined
  const [bucket, key] = target(rest)
  return info ? () => handleInfo(call, bucket, key, mode) : () => handleDownload(call, bucket, key, mode)
}

function objectRoute(call: Call, segments: string[]): Handler | undefined {
  const [head, ...rest] = segments
  const m = call.method
  if (head === 'move' && rest.length === 0 && m === 'POST') return () => handleMove(call)
  if (head === 'copy' && rest.length === 0 && m === 'POST') return () => handleCopy(call)
  if (head === 'list' && rest.length === 1 && m === 'POST') return () => handleList(call, target(rest)[0])
  if (head === 'info') return readRoute(call, rest, true)
  if (head === 'public' || head === 'authenticated') return readRoute(call, segments, false)
  if (head === 'sign' && rest.length >= 1) {
    const [bucket, key] = target(rest)
    if (rest.length === 1) return m === 'POST' ? () => handleSignMany(call, bucket) : undefined
    if (m === 'POST') return () => handleSign(call, bucket, key)
    if (READ.has(m)) return () => handleSignedDownload(call, bucket, key)
    return undefined
  }
  if (head === 'upload' && rest[0] === 'sign' && rest.length >= 3) {
    const [bucket, key] = target(rest.slice(1))
    if (m === 'POST') return () => handleSignUpload(call, bucket, key)
    if (m === 'PUT') return () => handleSignedUpload(call, bucket, key)
    return undefined
  }
  if (head === undefined || head === '') return undefined
  const [bucket, key] = target(segments)
  if (rest.length === 0) return m === 'DELETE' ? () => handleRemove(call, bucket) : undefined
  if (READ.has(m)) return () => handleDownload(call, bucket, key, 'auto')
  if (m === 'POST' || m === 'PUT') return () => handleUpload(call, bucket, key)
  if (m === 'DELETE') return () => handleDeleteOne(call, bucket, key)
  return undefined
}

function route(call: Call): Handler | undefined {
  const segments = call.path.split('/').slice(1)
  const [root, ...rest] = segments
  if (root === 'bucket') return bucketRoute(call, rest.at(-1) === '' ? rest.slice(0, -1) : rest)
  if (root === 'object') return objectRoute(call, rest)
  return undefined
}

/** fastify's answer to an unknown route, which is what Storage sends. */
function sendNotFound(req: IncomingMessage, res: ServerResponse, path: string) {
  req.resume()
  sendJson(res, 404, { statusCode: 404, error: 'Not Found', message: `Route ${req.method}:${path} not found` })
}

const PREFIX = '/storage/v1/'

/**
 * The gateway hands over a WHATWG-normalised path, in which `..`, `%2e%2e` and `\\` have
 * already been resolved into a different key. Storage must refuse such keys, not silently
 * store them elsewhere, so routing reads the raw request path when it has the usual prefix.
 */
function rawPath(req: IncomingMessage, normalised: string): string {
  const raw = (req.url ?? '').split('?')[0] ?? ''
  return raw.startsWith(PREFIX) ? raw.slice(PREFIX.length - 1) : normalised
}

function fail(env: StorageEnv, call: Call, err: unknown) {
  call.req.resume()
  if (call.res.headersSent) {
    call.res.destroy()
    return
  }
  if (err instanceof StorageError) {
    sendStorageError(call.res, err, call.method === 'HEAD')
    return
  }
  env.ctx.log(`storage ${call.method} ${call.path} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
  sendStorageError(call.res, storageErrors.internal(), call.method === 'HEAD')
}

export async function createStorageService(ctx: LocalContext): Promise<Service> {
  const tmpDir = join(ctx.stateDir, 'storage-tmp')
  // Leftovers of uploads interrupted by a crash are never referenced by a row.
  rmSync(tmpDir, { recursive: true, force: true })
  mkdirSync(tmpDir, { recursive: true })
  const env: StorageEnv = { ctx, sql: ctx.sql, storageDir: ctx.storageDir, tmpDir }
  return {
    async handle(req, res, path, url) {
      const call = new Call(env, req, res, url, rawPath(req, path))
      let handler: Handler | undefined
      try {
        handler = route(call)
      } catch (err) {
        fail(env, call, err)
        return
      }
      if (!handler) {
        sendNotFound(req, res, path)
        return
      }
      try {
        await handler()
      } catch (err) {
        fail(env, call, err)
      }
    },
  }
}
