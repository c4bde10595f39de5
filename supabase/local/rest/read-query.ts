import { ApiError, notEmbedded, notImplemented } from './errors.ts'
import {
  fieldOutputName,
  FTS,
  OPERATORS,
  type Condition,
  type Field,
  type Filter,
  type LevelParams,
  type OrderTerm,
  type SelectItem,
} from './query-string.ts'
import { isToOne, resolveEmbed, type Relationship } from './relationships.ts'
import type { Relation, SchemaCache } from './schema-cache.ts'
import { ident, literal, qualified, type Params } from './sql.ts'

/** What a level of the query reads from: a table, a view, a function call or a mutation's rows. */
export interface Source {
  relation: Relation
  /** `schema.name` of the relation, for relationship lookup. */
  key: string
  /** SQL FROM item (without alias). */
  from: string
  /** SQL alias, unquoted; the relation's own name at the root so PostgreSQL's messages read `posts.col`. */
  alias: string
}

export interface Planner {
  cache: SchemaCache
  schema: string
  params: Params
  levels: Map<string, LevelParams>
  visited: Set<string>
  counter: number
}

interface JoinedEmbed {
  joinAlias: string
  relationship: Relationship
  join: string
}

export interface BuiltLevel {
  columns: string[]
  joins: string[]
  /** Joins that can remove parent rows (`!inner`, or named by an `is.null` filter): a count needs only these. */
  filteringJoins: string[]
  where: string[]
  orderBy: string[]
  /** Set when the level selects aggregates: its other columns, as PostgREST groups by them. */
  groupBy: string[]
  outputNames: string[]
  embeds: Map<string, JoinedEmbed>
}

/**
 * `"t"."data"->'a'->>'b'`: JSON keys are literals; integer keys index arrays. Paths into array and
 * composite columns go through to_jsonb, as PostgREST's do.
 */
export function fieldSql(alias: string, field: Field, relation?: Relation): string {
  let expr = `${ident(alias)}.${ident(field.name)}`
  const typeName = relation?.columns.get(field.name)?.typeName
  if (field.path.length && typeName !== undefined && typeName !== 'json' && typeName !== 'jsonb') expr = `to_jsonb(${expr})`
  for (const step of field.path) expr += `${step.arrow}${/^-?\d+$/.test(step.key) ? step.key : literal(step.key)}`
  return expr
}

/** A PostgreSQL array literal of the given strings, each quoted so commas and braces stay data. */
export function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`
}

function filterSql(p: Planner, source: Source, f: Filter, embeds: Map<string, JoinedEmbed>, used: Set<string>): string {
  const embed = f.field.path.length === 0 ? embeds.get(f.field.name) : undefined
  let sql: string
  if (embed) {
    const op = f.operation
    if (op.op !== 'is' || !('value' in op) || (op.value !== 'null' && op.value !== 'not_null')) {
      throw new ApiError(400, 'PGRST120', `Bad operator on the '${f.field.name}' embedded resource`, 'Only is null or not is null filters are allowed on embedded resources')
    }
    const isNull = (op.value === 'null') !== f.negate
    used.add(embed.join)
    return `${ident(embed.joinAlias)}.body IS ${isNull ? '' : 'NOT '}NULL`
  }
  const expr = fieldSql(source.alias, f.field, source.relation)
  const op = f.operation
  if (op.op === 'is' && 'value' in op) {
    sql = `${expr} IS ${{ null: 'NULL', not_null: 'NOT NULL', true: 'TRUE', false: 'FALSE', unknown: 'UNKNOWN' }[op.value as 'null']}`
  } else if (op.op === 'in' && 'values' in op) {
    sql = `${expr} = ANY(${p.params.add(arrayLiteral(op.values))})`
  } else if ('quantifier' in op) {
    const values = op.op === 'like' || op.op === 'ilike' ? op.values.map((v) => v.replace(/\*/g, '%')) : op.values
    sql = `${expr} ${OPERATORS[op.op]} ${op.quantifier.toUpperCase()}(${p.params.add(arrayLiteral(values))})`
  } else if (op.op in FTS && 'value' in op) {
    const column = source.relation.columns.get(f.field.name)
    const cfg = 'config' in op && op.config ? `${p.params.add(op.config)}::regconfig, ` : ''
    const vector = column?.typeName === 'tsvector' && f.field.path.length === 0 ? expr : `to_tsvector(${cfg}${expr})`
    sql = `${vector} @@ ${FTS[op.op]}(${cfg}${p.params.add(op.value)})`
  } else if ('value' in op) {
    const value = op.op === 'like' || op.op === 'ilike' ? op.value.replace(/\*/g, '%') : op.value
    sql = `${expr} ${OPERATORS[op.op]} ${p.params.add(value)}`
  } else throw new Error('unreachable filter shape')
  return f.negate ? `NOT (${sql})` : sql
}

/** `used` collects the joins a condition reads (embed is-null filters). */
export function conditionSql(p: Planner, source: Source, c: Condition, embeds: Map<string, JoinedEmbed>, used = new Set<string>()): string {
  if (c.kind === 'filter') return filterSql(p, source, c, embeds, used)
  const parts = c.children.map((child) => conditionSql(p, source, child, embeds, used))
  const joined = `(${parts.join(c.op === 'and' ? ' AND ' : ' OR ')})`
  return c.negate ? `NOT ${joined}` : joined
}

function orderSql(source: Source, parentName: string, terms: OrderTerm[], embeds: Map<string, JoinedEmbed>): string[] {
  return terms.map((t) => {
    let expr: string
    if (t.relation !== undefined) {
      const embed = embeds.get(t.relation)
      if (!embed) throw notEmbedded(t.relation)
      if (!isToOne(embed.relationship)) {
        throw new ApiError(400, 'PGRST118', `A related order on '${t.relation}' is not possible`, `'${parentName}' and '${t.relation}' do not form a many-to-one or one-to-one relationship`)
      }
      expr = `(${ident(embed.joinAlias)}.body::jsonb)->${literal(t.field.name)}`
      for (const step of t.field.path) expr += `${step.arrow}${literal(step.key)}`
    } else expr = fieldSql(source.alias, t.field, source.relation)
    const dir = t.direction === 'desc' ? ' DESC' : t.direction === 'asc' ? ' ASC' : ''
    const nulls = t.nulls ? ` NULLS ${t.nulls.toUpperCase()}` : ''
    return `${expr}${dir}${nulls}`
  })
}

function embedJoin(p: Planner, source: Source, item: Extract<SelectItem, { kind: 'embed' }>, path: string, out: BuiltLevel) {
  const rel = resolveEmbed(p.cache, p.schema, source.key, item.name, item.hint)
  const target = p.cache.relations.get(rel.target)!
  p.counter += 1
  const childAlias = `${target.name}_${p.counter}`
  const joinAlias = `pgrst_${p.counter}`
  const name = item.alias ?? item.name
  const childPath = path ? `${path}.${name}` : name
  const childSource: Source = { relation: target, key: rel.target, from: qualified(target.schema, target.name), alias: childAlias }
  const child = buildLevel(p, childSource, item.children, childPath)
  let link: string[]
  let junctionJoin = ''
  if (rel.junction) {
    const j = rel.junction
    const jt = p.cache.relations.get(j.table)!
    const jAlias = `${childAlias}_junction`
    junctionJoin = ` INNER JOIN ${qualified(jt.schema, jt.name)} AS ${ident(jAlias)} ON ${j.targetFk.columns
      .map((c, i) => `${ident(jAlias)}.${ident(c)} = ${ident(childAlias)}.${ident(j.targetFk.refColumns[i]!)}`)
      .join(' AND ')}`
    link = j.sourceFk.columns.map((c, i) => `${ident(jAlias)}.${ident(c)} = ${ident(source.alias)}.${ident(j.sourceFk.refColumns[i]!)}`)
  } else {
    link = rel.pairs.map(([s, t]) => `${ident(childAlias)}.${ident(t)} = ${ident(source.alias)}.${ident(s)}`)
  }
  const lp = p.levels.get(childPath)
  const toOne = isToOne(rel)
  let sub = `SELECT ${child.columns.join(', ')} FROM ${childSource.from} AS ${ident(childAlias)}${junctionJoin}${child.joins.join('')}`
  sub += ` WHERE ${[...link, ...child.where].join(' AND ')}`
  if (child.groupBy.length) sub += ` GROUP BY ${child.groupBy.join(', ')}`
  if (child.orderBy.length) sub += ` ORDER BY ${child.orderBy.join(', ')}`
  if (!toOne && lp?.limit !== undefined) sub += ` LIMIT ${lp.limit}`
  if (!toOne && lp?.offset !== undefined) sub += ` OFFSET ${lp.offset}`
  const agg = toOne ? `row_to_json(${ident(`${joinAlias}_row`)})` : `json_agg(${ident(`${joinAlias}_row`)})`
  const kind = item.join === 'inner' ? 'INNER' : 'LEFT'
  const on = item.join === 'inner' ? `${ident(joinAlias)}.body IS NOT NULL` : 'TRUE'
  const join = ` ${kind} JOIN LATERAL (SELECT ${agg} AS body FROM (${sub}) AS ${ident(`${joinAlias}_row`)}) AS ${ident(joinAlias)} ON ${on}`
  out.joins.push(join)
  if (item.join === 'inner') out.filteringJoins.push(join)
  out.embeds.set(name, { joinAlias, relationship: rel, join })
  if (item.children.length === 0) return
  if (item.spread) {
    // A to-one spread lifts the columns; a to-many spread gives one array per column (PostgREST v13+).
    for (const n of child.outputNames) {
      const value = toOne
        ? `${ident(joinAlias)}.body->${literal(n)}`
        : `(SELECT coalesce(json_agg(_pgrst_e.e->${literal(n)}), '[]'::json) FROM json_array_elements(${ident(joinAlias)}.body) AS _pgrst_e(e))`
      out.columns.push(`${value} AS ${ident(n)}`)
      out.outputNames.push(n)
    }
    return
  }
  out.columns.push(toOne ? `${ident(joinAlias)}.body AS ${ident(name)}` : `coalesce(${ident(joinAlias)}.body, '[]'::json) AS ${ident(name)}`)
  out.outputNames.push(name)
}

/** Select list, joins, filters and order for one level; embeds recurse into lateral subqueries. */
export function buildLevel(p: Planner, source: Source, select: SelectItem[], path: string): BuiltLevel {
  p.visited.add(path)
  const out: BuiltLevel = { columns: [], joins: [], filteringJoins: [], where: [], orderBy: [], groupBy: [], outputNames: [], embeds: new Map() }
  const plain: string[] = []
  let aggregated = false
  for (const item of select) {
    if (item.kind === 'star') {
      out.columns.push(`${ident(source.alias)}.*`)
      out.outputNames.push(...source.relation.columns.keys())
      plain.push(...[...source.relation.columns.keys()].map((c) => `${ident(source.alias)}.${ident(c)}`))
    } else if (item.kind === 'column') {
      let expr = fieldSql(source.alias, item.field, source.relation)
      if (item.cast) expr = `CAST(${expr} AS ${item.cast})`
      const name = item.alias ?? fieldOutputName(item.field)
      out.columns.push(`${expr} AS ${ident(name)}`)
      out.outputNames.push(name)
      plain.push(expr)
    } else if (item.kind === 'aggregate') {
      if (!aggregatesEnabled(p.cache)) throw new ApiError(400, 'PGRST123', 'Use of aggregate functions is not allowed')
      aggregated = true
      let expr = `${item.fn}(${item.field ? fieldSql(source.alias, item.field, source.relation) : '*'})`
      if (item.cast) expr = `CAST(${expr} AS ${item.cast})`
      const name = item.alias ?? item.fn
      out.columns.push(`${expr} AS ${ident(name)}`)
      out.outputNames.push(name)
    } else {
      assertNotEmbeddedTwice(out, item)
      embedJoin(p, source, item, path, out)
    }
  }
  if (aggregated) {
    if (out.embeds.size) throw notImplemented('aggregates beside an embedded resource at the same level')
    out.groupBy = plain
  }
  const lp = p.levels.get(path)
  if (lp) {
    const used = new Set<string>()
    for (const c of lp.filters) out.where.push(conditionSql(p, source, c, out.embeds, used))
    for (const join of used) if (!out.filteringJoins.includes(join)) out.filteringJoins.push(join)
    if (lp.order) out.orderBy = orderSql(source, source.relation.name, lp.order, out.embeds)
  }
  return out
}

/**
 * Platforms turn aggregates on in the database, as Supabase documents it:
 * `alter role authenticator set pgrst.db_aggregates_enabled = 'true'` (then `notify pgrst, 'reload config'`).
 */
export function aggregatesEnabled(cache: SchemaCache): boolean {
  const setting = cache.roleSettings.get('authenticator')?.find(([name]) => name === 'pgrst.db_aggregates_enabled')?.[1]
  return setting !== undefined && ['true', 'on', '1', 'yes'].includes(setting.toLowerCase())
}

/** Two embeds under one name would be one JSON key twice: PostgreSQL's answer for the same alias twice. */
function assertNotEmbeddedTwice(out: BuiltLevel, item: Extract<SelectItem, { kind: 'embed' }>) {
  const name = item.alias ?? item.name
  if (out.embeds.has(name)) throw new ApiError(400, '42712', `table name "${name}" specified more than once`)
}

/** Fails with PGRST108 when a filter or modifier names an embed the select does not contain. */
export function assertAllLevelsUsed(p: Planner) {
  for (const [path, lp] of p.levels) {
    const used = lp.filters.length > 0 || lp.order !== undefined || lp.limit !== undefined || lp.offset !== undefined
    if (used && !p.visited.has(path)) throw notEmbedded(path)
  }
}

export interface ReadSql {
  /** The row source: SELECT … FROM … WHERE … ORDER BY … LIMIT … OFFSET. */
  source: string
  /** SELECT count(*) over the same rows without the range (only the joins that filter). */
  count: string
  /** The query itself without the range: what a planned count asks the planner to estimate. */
  unranged: string
}

export function buildRead(p: Planner, source: Source, select: SelectItem[], range: { offset: number; limit: number | null }): ReadSql {
  const level = buildLevel(p, source, select, '')
  assertAllLevelsUsed(p)
  const base = ` FROM ${source.from} AS ${ident(source.alias)}`
  const where = level.where.length ? ` WHERE ${level.where.join(' AND ')}` : ''
  const groupBy = level.groupBy.length ? ` GROUP BY ${level.groupBy.join(', ')}` : ''
  const unranged = `SELECT ${level.columns.join(', ')}${base}${level.joins.join('')}${where}${groupBy}`
  let sql = unranged
  if (level.orderBy.length) sql += ` ORDER BY ${level.orderBy.join(', ')}`
  if (range.limit !== null) sql += ` LIMIT ${range.limit}`
  if (range.offset > 0) sql += ` OFFSET ${range.offset}`
  const countJoins = level.joins.filter((j) => level.filteringJoins.includes(j)).join('')
  return {
    source: sql,
    count: groupBy ? `SELECT count(*) FROM (${unranged}) AS _pgrst_groups` : `SELECT count(*)${base}${countJoins}${where}`,
    unranged,
  }
}

export interface BodyShape {
  singular: boolean
  stripNulls: boolean
  omitBody: boolean
}

/** The response body is built by PostgreSQL: json_agg over the rows, never re-serialised by Node. */
export function bodySql(shape: BodyShape, rowAlias = '_pgrst_t'): string {
  if (shape.omitBody) return 'NULL::text'
  const agg = shape.stripNulls ? `json_strip_nulls(json_agg(${rowAlias}))` : `json_agg(${rowAlias})`
  return shape.singular ? `coalesce((${agg}->0)::text, 'null')` : `coalesce(${agg}, '[]'::json)::text`
}

/** One statement answering a read: total (when counted exactly), page size and body. */
export function wrapRead(read: ReadSql, shape: BodyShape, exactCount: boolean): string {
  const total = exactCount ? `(${read.count})::text` : 'NULL::text'
  return `WITH pgrst_source AS (${read.source}) SELECT ${total} AS total, count(*)::text AS page, ${bodySql(shape)} AS body FROM pgrst_source AS _pgrst_t`
}
