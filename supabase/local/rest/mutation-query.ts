import { ApiError, columnNotFound, invalidBody } from './errors.ts'
import type { SelectItem } from './query-string.ts'
import { assertAllLevelsUsed, bodySql, buildLevel, conditionSql, type BodyShape, type Planner, type Source } from './read-query.ts'
import { relationshipsFrom } from './relationships.ts'
import type { Relation } from './schema-cache.ts'
import { ident, literal, qualified } from './sql.ts'

export type MutationKind = 'insert' | 'update' | 'delete'

export interface MutationInput {
  kind: MutationKind
  relation: Relation
  key: string
  /** Parsed JSON body: object or array for insert, object for update. */
  body: unknown
  columns?: string[]
  onConflict?: string[]
  resolution?: 'merge-duplicates' | 'ignore-duplicates'
  missingDefault: boolean
  returning: 'minimal' | 'representation' | 'headers-only'
  select: SelectItem[]
  shape: BodyShape
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The payload's columns: `columns=` if given, else the keys, which must match across objects. */
function payloadColumns(input: MutationInput): { rows: Record<string, unknown>[]; columns: string[] } {
  const body = input.body
  const rows = Array.isArray(body) ? body : [body]
  if (!rows.every(isObject)) throw invalidBody('Empty or invalid json')
  let columns = input.columns
  if (!columns) {
    const first = Object.keys(rows[0] ?? {})
    const same = (r: Record<string, unknown>) => {
      const keys = Object.keys(r)
      return keys.length === first.length && keys.every((k) => first.includes(k))
    }
    if (!rows.every(same)) throw invalidBody('All object keys must match')
    columns = first
  }
  for (const c of columns) if (!input.relation.columns.has(c)) throw columnNotFound(input.relation.name, c)
  return { rows, columns }
}

/** Base columns the representation needs: selected columns plus the keys embeds join on. */
function returningColumns(input: MutationInput, p: Planner): string[] | '*' {
  const out = new Set<string>()
  const rels = relationshipsFrom(p.cache, input.key)
  for (const item of input.select) {
    if (item.kind === 'star') return '*'
    if (item.kind === 'column') out.add(item.field.name)
    else {
      for (const r of rels) {
        for (const [s] of r.pairs) out.add(s)
        if (r.junction) for (const c of r.junction.sourceFk.refColumns) out.add(c)
      }
    }
  }
  return [...out].filter((c) => input.relation.columns.has(c))
}

function insertSql(input: MutationInput, p: Planner, alias: string, target: string): string {
  const { rows, columns } = payloadColumns(input)
  const body = p.params.add(JSON.stringify(rows))
  const rel = input.relation
  if (columns.length === 0) {
    // One row of defaults per object, as PostgREST inserts `[{}, {}]` (DEFAULT VALUES would insert one).
    return rows.length === 0 ? '' : `INSERT INTO ${target} AS ${ident(alias)} SELECT FROM json_array_elements(${body}::json)`
  }
  const cols = columns.map(ident).join(', ')
  let select: string
  if (input.missingDefault) {
    const exprs = columns.map((c) => {
      const def = rel.columns.get(c)!.defaultExpr ?? 'NULL'
      return `CASE WHEN _pgrst_e.e ? ${literal(c)} THEN _pgrst_r.${ident(c)} ELSE ${def} END`
    })
    select = `SELECT ${exprs.join(', ')} FROM jsonb_array_elements(${body}::jsonb) AS _pgrst_e(e) CROSS JOIN LATERAL jsonb_populate_record(NULL::${target}, _pgrst_e.e) AS _pgrst_r`
  } else {
    select = `SELECT ${columns.map((c) => `_pgrst_r.${ident(c)}`).join(', ')} FROM json_populate_recordset(NULL::${target}, ${body}::json) AS _pgrst_r`
  }
  let sql = `INSERT INTO ${target} AS ${ident(alias)} (${cols}) ${select}`
  if (input.resolution) {
    const conflict = input.onConflict ?? rel.pk
    for (const c of conflict) if (!rel.columns.has(c)) throw columnNotFound(rel.name, c)
    if (conflict.length === 0) throw new ApiError(400, 'PGRST100', 'failed to parse on_conflict parameter', 'the table has no primary key; name the conflict columns with on_conflict')
    sql += ` ON CONFLICT (${conflict.map(ident).join(', ')})`
    sql +=
      input.resolution === 'ignore-duplicates'
        ? ' DO NOTHING'
        : ` DO UPDATE SET ${columns.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(', ')}`
  }
  return sql
}

/**
 * The platform preloads pg-safeupdate for the API: an UPDATE or DELETE without a WHERE clause
 * fails with 21000, which PostgREST answers with 400.
 */
function whereSql(p: Planner, source: Source, verb: 'UPDATE' | 'DELETE'): string {
  const root = p.levels.get('')
  const conds = (root?.filters ?? []).map((c) => conditionSql(p, source, c, new Map()))
  if (conds.length === 0) throw new ApiError(400, '21000', `${verb} requires a WHERE clause`)
  return ` WHERE ${conds.join(' AND ')}`
}

/**
 * One statement per mutation, shaped as PostgREST's: the body is one json parameter expanded by
 * PostgreSQL, RETURNING 1 unless columns are needed (so insert without select needs no SELECT
 * policy), and the response built in SQL from the returned rows.
 */
export function buildMutation(input: MutationInput, p: Planner): string {
  const rel = input.relation
  const alias = rel.name
  const target = qualified(rel.schema, rel.name)
  const source: Source = { relation: rel, key: input.key, from: 'pgrst_source', alias }
  const upsertMerge = input.kind === 'insert' && input.resolution === 'merge-duplicates'
  let returning: string[]
  if (input.returning === 'representation') {
    const cols = returningColumns(input, p)
    returning = cols === '*' ? [...rel.columns.keys()].map((c) => `${ident(alias)}.${ident(c)}`) : cols.map((c) => `${ident(alias)}.${ident(c)}`)
  } else if (input.returning === 'headers-only') returning = rel.pk.map((c) => `${ident(alias)}.${ident(c)}`)
  else returning = []
  if (upsertMerge) returning.push(`(${ident(alias)}.xmax = 0) AS pgrst_inserted`)
  const returningSql = ` RETURNING ${returning.length ? returning.join(', ') : '1'}`

  let dml: string
  if (input.kind === 'insert') dml = insertSql(input, p, alias, target)
  else if (input.kind === 'delete') dml = `DELETE FROM ${target} AS ${ident(alias)}${whereSql(p, { ...source, from: target }, 'DELETE')}`
  else {
    if (!isObject(input.body)) throw invalidBody('Empty or invalid json')
    const columns = Object.keys(input.body)
    for (const c of columns) if (!rel.columns.has(c)) throw columnNotFound(rel.name, c)
    const body = p.params.add(JSON.stringify(input.body))
    dml = columns.length
      ? `UPDATE ${target} AS ${ident(alias)} SET ${columns.map((c) => `${ident(c)} = _pgrst_body.${ident(c)}`).join(', ')} FROM (SELECT * FROM json_populate_record(NULL::${target}, ${body}::json)) AS _pgrst_body${whereSql(p, { ...source, from: target }, 'UPDATE')}`
      : ''
  }
  const cte = dml
    ? `${dml}${returningSql}`
    : `SELECT ${returning.length ? returning.join(', ') : '1'} FROM ${target} AS ${ident(alias)} WHERE false`

  let body = 'NULL::text'
  if (input.returning === 'representation') {
    const rootless = new Map(p.levels)
    rootless.set('', { filters: [] })
    const level = buildLevel({ ...p, levels: rootless }, { ...source, relation: rel }, expandStar(input.select, rel), '')
    body = `(SELECT ${bodySql(input.shape)} FROM (SELECT ${level.columns.join(', ') || 'NULL AS _'} FROM pgrst_source AS ${ident(alias)}${level.joins.join('')}) AS _pgrst_t)`
  }
  assertAllLevelsUsed(p)
  const inserted = upsertMerge ? '(SELECT coalesce(bool_or(pgrst_inserted), false) FROM pgrst_source)::text' : 'NULL::text'
  const location =
    input.returning === 'headers-only' && input.kind === 'insert' && rel.pk.length
      ? `(SELECT ${literal(`/${rel.name}?`)} || concat_ws('&', ${rel.pk.map((c) => `${literal(`${c}=eq.`)} || ${ident(c)}::text`).join(', ')}) FROM pgrst_source LIMIT 1)`
      : 'NULL::text'
  return `WITH pgrst_source AS (${cte}) SELECT (SELECT count(*) FROM pgrst_source)::text AS page, ${body} AS body, ${inserted} AS inserted, ${location} AS location`
}

/** A returned row carries the bookkeeping column pgrst_inserted, so `*` must name real columns. */
function expandStar(select: SelectItem[], rel: Relation): SelectItem[] {
  return select.flatMap((item): SelectItem[] =>
    item.kind === 'star' ? [...rel.columns.keys()].map((name) => ({ kind: 'column', field: { name, path: [] } })) : [item],
  )
}
