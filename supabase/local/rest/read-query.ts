import { ApiError, notEmbedded } from './errors.ts'
import { FTS, OPERATORS, type Condition, type Filter, type OrderTerm } from './parse-filters.ts'
import { fieldOutputName, type Field } from './parse-util.ts'
import type { SelectItem } from './parse-select.ts'
import type { LevelParams } from './query-params.ts'
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
}

export interface BuiltLevel {
  columns: string[]
  joins: string[]
  where: string[]
  orderBy: string[]
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

function filterSql(p: Planner, source: Source, f: Filter, embeds: Map<string, JoinedEmbed>): string {
  const embed = f.field.path.length === 0 ? embeds.get(f.field.name) : undefined
  let sql: string
  if (embed) {
    const op = f.operation
    if (op.op !== 'is' || !('value' in op) || (op.value !== 'null' && op.value !== 'not_null')) {
      throw new ApiError(400, 'PGRST120', `Bad operator on the '${f.field.name}' embedded resource`, 'Only is null or not is null filters are allowed on embedded resources')
    }
    const isNull = (op.value === 'null') !== f.negate
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

export function conditionSql(p: Planner, source: Source, c: Condition, embeds: Map<string, JoinedEmbed>): string {
  if (c.kind === 'filter') return filterSql(p, source, c, embeds)
  const parts = c.children.map((child) => conditionSql(p, source, child, embeds))
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
  if (child.orderBy.length) sub += ` ORDER BY ${child.orderBy.join(', ')}`
  if (!toOne && lp?.limit !== undefined) sub += ` LIMIT ${lp.limit}`
  if (!toOne && lp?.offset !== undefined) sub += ` OFFSET ${lp.offset}`
  const agg = toOne ? `row_to_json(${ident(`${joinAlias}_row`)})` : `json_agg(${ident(`${joinAlias}_row`)})`
  const kind = item.join === 'inner' ? 'INNER' : 'LEFT'
  const on = item.join === 'inner' ? `${ident(joinAlias)}.body IS NOT NULL` : 'TRUE'
  out.joins.push(` ${kind} JOIN LATERAL (SELECT ${agg} AS body FROM (${sub}) AS ${ident(`${joinAlias}_row`)}) AS ${ident(joinAlias)} ON ${on}`)
  out.embeds.set(name, { joinAlias, relationship: rel })
  if (item.children.length === 0) return
  if (item.spread) {
    if (!toOne) {
      throw new ApiError(400, 'PGRST127', 'Feature not implemented', `Spreading the to-many relationship '${name}' is not supported`)
    }
    for (const n of child.outputNames) {
      out.columns.push(`${ident(joinAlias)}.body->${literal(n)} AS ${ident(n)}`)
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
  const out: BuiltLevel = { columns: [], joins: [], where: [], orderBy: [], outputNames: [], embeds: new Map() }
  for (const item of select) {
    if (item.kind === 'star') {
      out.columns.push(`${ident(source.alias)}.*`)
      out.outputNames.push(...source.relation.columns.keys())
    } else if (item.kind === 'column') {
      let expr = fieldSql(source.alias, item.field, source.relation)
      if (item.cast) expr = `CAST(${expr} AS ${item.cast})`
      const name = item.alias ?? fieldOutputName(item.field)
      out.columns.push(`${expr} AS ${ident(name)}`)
      out.outputNames.push(name)
    } else embedJoin(p, source, item, path, out)
  }
  const lp = p.levels.get(path)
  if (lp) {
    for (const c of lp.filters) out.where.push(conditionSql(p, source, c, out.embeds))
    if (lp.order) out.orderBy = orderSql(source, source.relation.name, lp.order, out.embeds)
  }
  return out
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
  /** SELECT count(*) over the same rows without the range. */
  count: string
}

export function buildRead(p: Planner, source: Source, select: SelectItem[], range: { offset: number; limit: number | null }): ReadSql {
  const level = buildLevel(p, source, select, '')
  assertAllLevelsUsed(p)
  const from = ` FROM ${source.from} AS ${ident(source.alias)}${level.joins.join('')}`
  const where = level.where.length ? ` WHERE ${level.where.join(' AND ')}` : ''
  let sql = `SELECT ${level.columns.join(', ')}${from}${where}`
  if (level.orderBy.length) sql += ` ORDER BY ${level.orderBy.join(', ')}`
  if (range.limit !== null) sql += ` LIMIT ${range.limit}`
  if (range.offset > 0) sql += ` OFFSET ${range.offset}`
  return { source: sql, count: `SELECT count(*)${from}${where}` }
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
