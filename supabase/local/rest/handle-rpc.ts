import { ApiError, invalidBody } from './errors.ts'
import { answerRead, readStatements } from './handle-read.ts'
import { parseJsonBody } from './handle-mutation.ts'
import { parseQueryParams } from './query-params.ts'
import { buildRead, type Planner } from './read-query.ts'
import { requestRange, type RequestEnv } from './respond.ts'
import { callSql, resolveRoutine, routineRelation } from './rpc-query.ts'
import { key } from './schema-cache.ts'
import { Params, ident } from './sql.ts'
import { respond } from './respond.ts'
import { runTransaction } from './runner.ts'

/** `/rpc/<fn>`: POST with named arguments in the body, GET/HEAD with them in the query string. */
export async function handleRpc(env: RequestEnv, name: string, raw: Buffer | null) {
  if (env.method !== 'GET' && env.method !== 'HEAD' && env.method !== 'POST') {
    throw new ApiError(405, 'PGRST101', `Cannot use the ${env.method} method on RPC`)
  }
  const isPost = env.method === 'POST'
  const overloads = env.cache.routines.get(key(env.schema, name)) ?? []
  let body: string | undefined
  let argNames: string[]
  const allParamNames = new Set(overloads.flatMap((r) => r.params.map((p) => p.name)))
  const qp = parseQueryParams(env.url.searchParams, isPost ? new Set() : allParamNames)
  if (isPost) {
    const text = raw && raw.length ? raw.toString('utf8') : '{}'
    const parsed = parseJsonBody(Buffer.from(text))
    if (typeof parsed !== 'object' || parsed === null) throw invalidBody('Empty or invalid json')
    body = text
    argNames = Array.isArray(parsed) ? [] : Object.keys(parsed)
  } else argNames = [...qp.args.keys()]
  const routine = resolveRoutine(env.cache, env.schema, name, argNames, isPost)
  const params = new Params()
  const call = callSql(routine, params, isPost ? { body: body! } : { query: qp.args })
  const readOnly = !isPost || routine.volatility !== 'v'

  if (routine.isVoid) {
    await runTransaction(env.pool, {
      readOnly,
      settings: env.settings,
      statements: [{ sql: `SELECT ${call}`, params: params.values }],
      rollback: env.prefs.tx === 'rollback',
    })
    respond(env, 204, null, {})
    return
  }
  const shaped = routineRelation(env.cache, routine)
  const range = requestRange(env.req, qp.levels.get(''), routine.returnsSet ? env.config.api.maxRows : null)
  if (shaped) {
    const planner: Planner = { cache: env.cache, schema: env.schema, params, levels: qp.levels, visited: new Set(), counter: 0 }
    const source = { relation: shaped.relation, key: shaped.key, from: call, alias: routine.name }
    const read = buildRead(planner, source, qp.select, range)
    const singular = env.media.singular || !routine.returnsSet
    await answerRead(env, readStatements(env, read, params, singular), range, readOnly)
    return
  }
  const limit = range.limit === null ? '' : ` LIMIT ${range.limit}`
  const offset = range.offset ? ` OFFSET ${range.offset}` : ''
  const value = ident('pgrst_scalar')
  const sql = routine.returnsSet
    ? `WITH pgrst_source AS (SELECT _pgrst_s.${value} FROM ${call} AS _pgrst_s(${value})${limit}${offset}) SELECT NULL::text AS total, count(*)::text AS page, coalesce(json_agg(${value}), '[]'::json)::text AS body FROM pgrst_source`
    : `SELECT NULL::text AS total, '1' AS page, to_json(${call})::text AS body`
  await answerRead(env, [{ sql, params: params.values }], range, readOnly)
}
