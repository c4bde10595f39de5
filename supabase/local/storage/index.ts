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
import { Router, type Method, type PathParams } from '../router.ts'
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
import { handleDeleteOne, handleDownload, handleInfo, handleRemove, handleUpload } from './object-routes.ts'
import {
  handleSign,
  handleSignedDownload,
  handleSignedUpload,
  handleSignMany,
  handleSignUpload,
} from './signed-routes.ts'
import type { StorageEnv } from './store.ts'

type StorageRoute = (call: Call, params: PathParams) => Promise<void>

const READ: Method[] = ['GET', 'HEAD']
const bucketOf = (p: PathParams) => p.bucket!
const keyOf = (p: PathParams) => p['*'] ?? ''

/** Bucket routes take an optional trailing slash, as storage-js sends `bucket/`. */
function bucketRoutes(router: Router<StorageRoute>, path: string, methods: Method, route: StorageRoute) {
  router.on(methods, path, route).on(methods, `${path}/`, route)
}

/**
 * Storage's routes as its fastify server declares them (static segments win over a bucket of
 * that name). Parameters arrive percent-decoded; keys are validated where they are used.
 */
function storageRoutes(): Router<StorageRoute> {
  const r = new Router<StorageRoute>()
  bucketRoutes(r, '/bucket', 'GET', (call) => handleListBuckets(call))
  bucketRoutes(r, '/bucket', 'POST', (call) => handleCreateBucket(call))
  bucketRoutes(r, '/bucket/:id', 'GET', (call, p) => handleGetBucket(call, p.id!))
  bucketRoutes(r, '/bucket/:id', 'PUT', (call, p) => handleUpdateBucket(call, p.id!))
  bucketRoutes(r, '/bucket/:id', 'DELETE', (call, p) => handleDeleteBucket(call, p.id!))
  bucketRoutes(r, '/bucket/:id/empty', 'POST', (call, p) => handleEmptyBucket(call, p.id!))
  r.on('POST', '/object/move', (call) => handleMove(call))
  r.on('POST', '/object/copy', (call) => handleCopy(call))
  r.on('POST', '/object/list/:bucket', (call, p) => handleList(call, bucketOf(p)))
  for (const mode of ['auto', 'public', 'authenticated'] as const) {
    const prefix = mode === 'auto' ? '' : `/${mode}`
    r.on(READ, `/object/info${prefix}/:bucket/*`, (call, p) => handleInfo(call, bucketOf(p), keyOf(p), mode))
    if (mode !== 'auto') r.on(READ, `/object${prefix}/:bucket/*`, (call, p) => handleDownload(call, bucketOf(p), keyOf(p), mode))
  }
  r.on('POST', '/object/sign/:bucket', (call, p) => handleSignMany(call, bucketOf(p)))
  r.on('POST', '/object/sign/:bucket/*', (call, p) => handleSign(call, bucketOf(p), keyOf(p)))
  r.on(READ, '/object/sign/:bucket/*', (call, p) => handleSignedDownload(call, bucketOf(p), keyOf(p)))
  r.on('POST', '/object/upload/sign/:bucket/*', (call, p) => handleSignUpload(call, bucketOf(p), keyOf(p)))
  r.on('PUT', '/object/upload/sign/:bucket/*', (call, p) => handleSignedUpload(call, bucketOf(p), keyOf(p)))
  r.on('DELETE', '/object/:bucket', (call, p) => handleRemove(call, bucketOf(p)))
  r.on(READ, '/object/:bucket/*', (call, p) => handleDownload(call, bucketOf(p), keyOf(p), 'auto'))
  r.on(['POST', 'PUT'], '/object/:bucket/*', (call, p) => handleUpload(call, bucketOf(p), keyOf(p)))
  r.on('DELETE', '/object/:bucket/*', (call, p) => handleDeleteOne(call, bucketOf(p), keyOf(p)))
  return r
}

const ROUTES = storageRoutes()

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
      const route = ROUTES.match(call.method, call.path)
      try {
        if (!route.found) {
          // A malformed escape in the path is a bad key, not an unknown route.
          decodeSegments([call.path])
          sendNotFound(req, res, path)
          return
        }
        await route.handler(call, route.params)
      } catch (err) {
        fail(env, call, err)
      }
    },
  }
}
