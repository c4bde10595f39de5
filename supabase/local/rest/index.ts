import type { IncomingMessage, ServerResponse } from 'node:http'
import { BodyTooLargeError, readBody, send } from '../http.ts'
import { Router, type Method, type PathParams } from '../router.ts'
import type { LocalContext, Service } from '../types.ts'
import { ApiError, fromPgError, isPgError, sendError, tableNotFound } from './errors.ts'
import { handleMutation } from './handle-mutation.ts'
import { handleRead } from './handle-read.ts'
import { handleRpc } from './handle-rpc.ts'
import { parsePrefer } from './prefer.ts'
import { createAuthenticator, negotiate, requestSchema, requestSettings, type Caller } from './request-context.ts'
import type { RequestEnv } from './respond.ts'
import { RAW_BODY_TYPES } from './rpc-query.ts'
import { createRestPool } from './runner.ts'
import { key, loadSchemaCache, type SchemaCache } from './schema-cache.ts'

/** Largest request body accepted; bigger ones get 413 before anything is buffered. */
export const REST_BODY_LIMIT = 10 * 1024 * 1024

const MUTATIONS = { POST: 'insert', PATCH: 'update', DELETE: 'delete' } as const

const unsupportedMethod = (method: string) => new ApiError(405, 'PGRST117', `Unsupported HTTP method: ${method}`)

/** JSON everywhere; on RPC also the raw bodies PostgREST hands to a single unnamed parameter. */
function checkContentType(req: IncomingMessage, rpc: boolean) {
  const ct = req.headers['content-type']
  if (!ct) return
  const type = ct.split(';')[0]!.trim().toLowerCase()
  if (rpc && type in RAW_BODY_TYPES) return
  if (type !== 'application/json' && type !== 'application/vnd.pgrst.object+json' && type !== 'application/vnd.pgrst.object') {
    throw new ApiError(415, 'PGRST107', `None of these media types are available: ${type}`)
  }
}

/** postgres.js reports lost or refused connections with these codes (not SQLSTATEs). */
function isConnectionError(e: unknown): boolean {
  const code = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : ''
  return /^(ECONNREFUSED|ECONNRESET|EPIPE|CONNECTION_)/.test(code)
}

const invalidPath = () => new ApiError(404, 'PGRST125', 'Invalid path specified in request URL')

type RestRoute = (env: RequestEnv, params: PathParams, raw: Buffer | null) => Promise<void>

const METHODS: Method[] = ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE']

/** A table or view: reads, and the mutations PostgREST maps from the method. */
const relationRoute: RestRoute = async (env, params, raw) => {
  const name = params.relation!
  const relation = env.cache.relations.get(key(env.schema, name))
  if (!relation) throw tableNotFound(env.schema, name)
  if (env.method === 'GET' || env.method === 'HEAD') return handleRead(env, relation, key(env.schema, name))
  const kind = MUTATIONS[env.method as keyof typeof MUTATIONS]
  if (!kind) throw unsupportedMethod(env.method)
  return handleMutation(env, kind, relation, key(env.schema, name), raw ?? Buffer.alloc(0))
}

const ROUTES = new Router<RestRoute>({ ignoreTrailingSlash: true })
  .on(METHODS, '/rpc/:name', (env, params, raw) => handleRpc(env, params.name!, raw))
  .on(METHODS, '/:relation', relationRoute)

/**
 * The REST API of the stand-in: PostgREST v14's request cycle over the exposed schemas. Every
 * request runs in one transaction on one connection as the JWT's role, RLS decides what it sees.
 */
export async function createRestService(ctx: LocalContext): Promise<Service> {
  const pool = createRestPool(ctx.urls.db)
  const authenticate = createAuthenticator(ctx.keys)
  const schemas = ctx.config.api.schemas
  let cache: SchemaCache = await loadSchemaCache(pool, schemas)
  const reload = () => {
    loadSchemaCache(pool, schemas).then(
      (fresh) => {
        cache = fresh
        ctx.log('rest: schema cache reloaded')
      },
      (e: unknown) => ctx.log(`rest: schema cache reload failed: ${String(e)}`),
    )
  }
  const listener = await pool.listen('pgrst', (payload) => {
    // Role settings (such as pgrst.db_aggregates_enabled) are part of the cache, so a config reload is one too.
    if (payload === '' || payload === 'reload schema' || payload === 'reload config') reload()
  })

  async function dispatch(req: IncomingMessage, res: ServerResponse, path: string, url: URL, caller: Caller) {
    const method = req.method ?? 'GET'
    const current = cache
    const schema = requestSchema(req, ctx.config)
    const env: RequestEnv = {
      req,
      res,
      url,
      method,
      pool,
      config: ctx.config,
      cache: current,
      schema,
      caller,
      prefs: parsePrefer(req.headers.prefer),
      media: negotiate(req),
      settings: requestSettings(req, caller, current, ctx.config, schema, path),
    }
    const route = ROUTES.match(method, path)
    if (!route.found) throw route.status === 405 ? unsupportedMethod(method) : invalidPath()
    const needsBody = method === 'POST' || method === 'PATCH' || method === 'PUT'
    if (needsBody) checkContentType(req, route.params.name !== undefined)
    const raw = needsBody ? await readBody(req, REST_BODY_LIMIT) : null
    await route.handler(env, route.params, raw)
  }

  return {
    async handle(req, res, path, url) {
      let caller: Caller | undefined
      try {
        if (req.method === 'OPTIONS') {
          send(res, 200, undefined, { Allow: 'OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE' })
          return
        }
        caller = await authenticate(req, cache)
        await dispatch(req, res, path, url, caller)
      } catch (e) {
        if (e instanceof ApiError) sendError(res, e)
        else if (isPgError(e)) sendError(res, fromPgError(e, caller?.authed ?? false))
        else if (e instanceof BodyTooLargeError) {
          sendError(res, new ApiError(413, 'PGRST413', 'Payload Too Large', `The request body exceeds ${e.limit} bytes`))
        } else if (isConnectionError(e)) {
          sendError(res, new ApiError(503, 'PGRST000', 'Database connection error. Retrying the connection.', String((e as Error).message)))
        } else throw e
      }
    },
    async close() {
      await listener.unlisten()
      await pool.end({ timeout: 1 })
    },
  }
}
