import { ApiError, invalidBody } from './errors.ts'
import { answerRead, readStatements } from './handle-read.ts'
import { parseJsonBody } from './handle-mutation.ts'
import { parseQueryParams } from './query-string.ts'
import { buildRead, type Planner } from './read-query.ts'
import { requestRange, respond, type RequestEnv } from './respond.ts'
import { callSql, RAW_BODY_TYPES, resolveRoutine, routineRelation } from './rpc-query.ts'
import { key } from './schema-cache.ts'
import { Params, ident } from './sql.ts'
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
  const mediaType = (env.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  const rawType = isPost ? RAW_BODY_TYPES[mediaType] : undefined
  let rawArg: string | undefined
  if (rawType !== undefined) {
    const bytes = raw ?? Buffer.alloc(0)
    rawArg = rawType === 'bytea' ? `\\x${bytes.toString('hex')}` : bytes.toString('utf8')
    argNames = []
  } else if (isPost) {
    const text = raw && raw.length ? raw.toString('utf8') : '{}'
    const parsed = parseJsonBody(Buffer.from(text))
    if (typeof parsed !== 'object' || parsed === null) throw invalidBody('Empty or invalid json')
    body = text
    argNames = Array.isArray(parsed) ? [] : Object.keys(parsed)
  } else argNames = [...qp.args.keys()]
  const routine = resolveRoutine(env.cache, env.schema, name, argNames, isPost, rawType)
  const params = new Params()
  const call = callSql(routine, params, rawArg !== undefined ? { raw: rawArg } : isPost ? { body: body! } : { query: qp.args })
  const readOnly = !isPost || routine.volatility !== 'v'

  if (routine.isVoid) {
    await runTransaction(env.pool, {
      readOnly,
      settings: env.settings,
      statements: [{ sql: `SELECT ${call}` }],
      rollback: env.prefs.tx === 'rollback',
    })
    respond(env, 204, null, {})
    return
  }
  // PostgREST 13 applies max-affected to RPC too: the rows the function returns.
  const maxAffected = env.prefs.handling === 'strict' ? env.prefs.maxAffected : undefined
  const shaped = routineRelation(env.cache, routine)
  const range = requestRange(env.req, qp.levels.get(''), routine.returnsSet ? env.config.api.maxRows : null)
  if (shaped) {
    const planner: Planner = { cache: env.cache, schema: env.schema, params, levels: qp.levels, visited: new Set(), counter: 0 }
    const source = { relation: shaped.relation, key: shaped.key, from: call, alias: routine.name }
    const read = buildRead(planner, source, qp.select, range)
    const singular = env.media.singular || !routine.returnsSet
    await answerRead(env, readStatements(env, read, params, singular), range, readOnly, maxAffected)
    return
  }
  const limit = range.limit === null ? '' : ` LIMIT ${range.limit}`
  const offset = range.offset ? ` OFFSET ${range.offset}` : ''
  const value = ident('pgrst_scalar')
  // A scalar is one row, so any count of it is 1; a set of scalars is counted like rows.
  const counted = env.prefs.count !== undefined
  const sql = routine.returnsSet
    ? `WITH pgrst_all AS (SELECT _pgrst_s.${value} FROM ${call} AS _pgrst_s(${value})), pgrst_source AS (SELECT * FROM pgrst_all${limit}${offset}) SELECT ${counted ? '(SELECT count(*) FROM pgrst_all)::text' : 'NULL::text'} AS total, count(*)::text AS page, coalesce(json_agg(${value}), '[]'::json)::text AS body FROM pgrst_source`
    : `SELECT ${counted ? "'1'" : 'NULL::text'} AS total, '1' AS page, to_json(${call})::text AS body`
  await answerRead(env, [{ sql }], range, readOnly, maxAffected)
}
