import { invalidBody, singularityError } from './errors.ts'
import { maxAffectedError } from './handle-read.ts'
import { buildMutation, type MutationKind } from './mutation-query.ts'
import { parseQueryParams } from './query-string.ts'
import type { Planner } from './read-query.ts'
import { respond, type RequestEnv } from './respond.ts'
import { runTransaction } from './runner.ts'
import type { Relation } from './schema-cache.ts'
import { Params } from './sql.ts'

/**
 * Deeper than any real payload: recursive code (JSON.stringify here, PostgreSQL's JSON parser in the
 * statement) would overflow its stack on such a body. PostgREST itself has no such limit; it answers
 * what it cannot decode with PGRST102, and so does the stand-in here.
 */
export const MAX_JSON_DEPTH = 512

/** The deepest nesting of arrays and objects in JSON text (strings skipped), stopping past `limit`. */
function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return false
}

export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8')
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) throw invalidBody('Empty or invalid json', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw invalidBody('Empty or invalid json')
  }
}


export async function handleMutation(env: RequestEnv, kind: MutationKind, relation: Relation, key: string, raw: Buffer) {
  const qp = parseQueryParams(env.url.searchParams)
  const body = kind === 'delete' ? null : parseJsonBody(raw)
  const params = new Params()
  const planner: Planner = { cache: env.cache, schema: env.schema, params, levels: qp.levels, visited: new Set(['']), counter: 0 }
  const returning = env.prefs.return ?? 'minimal'
  const input = {
    kind,
    relation,
    key,
    body,
    missingDefault: env.prefs.missing === 'default',
    returning,
    select: qp.select,
    shape: { singular: env.media.singular, stripNulls: env.media.stripNulls, omitBody: false },
    ...(qp.columns ? { columns: qp.columns } : {}),
    ...(qp.onConflict ? { onConflict: qp.onConflict } : {}),
    ...(env.prefs.resolution ? { resolution: env.prefs.resolution } : {}),
  }
  const sql = buildMutation(input, planner)
  const strictMax = env.prefs.handling === 'strict' ? env.prefs.maxAffected : undefined
  const mustDecide = env.media.singular || strictMax !== undefined
  const results = await runTransaction(env.pool, {
    readOnly: false,
    settings: env.settings,
    statements: [{ sql }],
    rollback: env.prefs.tx === 'rollback',
    ...(mustDecide
      ? {
          decide: (r) => {
            const n = Number(r[0]?.[0]?.page)
            return !(env.media.singular && n !== 1) && !(strictMax !== undefined && n > strictMax)
          },
        }
      : {}),
  })
  const row = results[0]![0]!
  const page = Number(row.page)
  if (env.media.singular && page !== 1) throw singularityError(page)
  if (strictMax !== undefined && page > strictMax) throw maxAffectedError(page)
  const total = env.prefs.count === undefined ? '*' : String(page)
  const headers: Record<string, string> = {
    'Content-Range': kind === 'update' && page > 0 ? `0-${page - 1}/${total}` : `*/${total}`,
  }
  if (row.location) headers.Location = row.location
  const representation = returning === 'representation'
  if (kind === 'insert') {
    const status = input.resolution === 'merge-duplicates' && row.inserted === 'false' ? 200 : 201
    respond(env, status, representation ? row.body! : null, headers)
  } else {
    respond(env, representation ? 200 : 204, representation ? row.body! : null, headers)
  }
}
