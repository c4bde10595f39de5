import { ApiError, singularityError } from './errors.ts'
import { parseQueryParams } from './query-string.ts'
import { buildRead, wrapRead, type Planner, type ReadSql, type Source } from './read-query.ts'
import { contentRange, countTotal, readStatus, requestRange, respond, type Range, type RequestEnv } from './respond.ts'
import { runTransaction, type Statement } from './runner.ts'
import type { Relation } from './schema-cache.ts'
import { Params, qualified } from './sql.ts'

/** The statements of a counted, ranged read: the main one, plus EXPLAIN when a planned count is wanted. */
export function readStatements(env: RequestEnv, read: ReadSql, params: Params, singular: boolean): Statement[] {
  const exact = env.prefs.count === 'exact' || env.prefs.count === 'estimated'
  const shape = { singular, stripNulls: env.media.stripNulls, omitBody: env.method === 'HEAD' }
  const statements = [{ sql: wrapRead(read, shape, exact) }]
  if (env.prefs.count === 'planned' || env.prefs.count === 'estimated') {
    statements.push({ sql: `EXPLAIN (FORMAT JSON) ${read.unranged}` })
  }
  return statements
}

export const maxAffectedError = (n: number) =>
  new ApiError(400, 'PGRST124', 'Query result exceeds max-affected preference constraint', `The query affects ${n} rows`)

/**
 * Runs a read-shaped statement set and answers with PostgREST's status, Content-Range and body.
 * `maxAffected` (RPC with handling=strict) rolls back and refuses a result with more rows.
 */
export async function answerRead(env: RequestEnv, statements: Statement[], range: Range, readOnly: boolean, maxAffected?: number) {
  const results = await runTransaction(env.pool, {
    readOnly,
    settings: env.settings,
    statements,
    rollback: env.prefs.tx === 'rollback',
    ...(maxAffected === undefined ? {} : { decide: (r) => Number(r[0]?.[0]?.page) <= maxAffected }),
  })
  const row = results[0]![0]!
  const page = Number(row.page)
  if (maxAffected !== undefined && page > maxAffected) throw maxAffectedError(page)
  const total = countTotal(env.prefs, row.total, results[1], env.config.api.maxRows)
  if (env.media.singular && page !== 1) throw singularityError(page)
  const status = readStatus(range.offset, page, total)
  respond(env, status, row.body ?? null, { 'Content-Range': contentRange(range.offset, page, total) })
}

export async function handleRead(env: RequestEnv, relation: Relation, key: string) {
  const qp = parseQueryParams(env.url.searchParams)
  const range = requestRange(env.req, qp.levels.get(''), env.config.api.maxRows)
  const params = new Params()
  const planner: Planner = { cache: env.cache, schema: env.schema, params, levels: qp.levels, visited: new Set(), counter: 0 }
  const source: Source = { relation, key, from: qualified(relation.schema, relation.name), alias: relation.name }
  const read = buildRead(planner, source, qp.select, range)
  await answerRead(env, readStatements(env, read, params, env.media.singular), range, true)
}
