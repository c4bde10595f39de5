/**
 * PostgREST's URL grammar, hand-written (no maintained JavaScript parser of it exists): `select`
 * (columns, aliases, casts, JSON paths, embeds with hints, spreads), filters (`col=op.value`, `not.`,
 * quantifiers, full-text search), logic trees (`or=(…)`, `and=(…)`), `order`, `limit`/`offset`
 * per embed level, `columns` and `on_conflict`. Pure functions; unit-tested in
 * tests/query-string.test.ts. Failures are PGRST100 with PostgREST's wording.
 */
import { queryParamError } from './errors.ts'

/** Splits on `sep` outside double quotes and parentheses (PostgREST's list grammar). */
export function splitTopLevel(input: string, sep = ','): string[] {
  const out: string[] = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < input.length; i++) {
    const c = input[i]
    if (quoted) {
      if (c === '\\') i++
      else if (c === '"') quoted = false
    } else if (c === '"') quoted = true
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === sep && depth === 0) {
      out.push(input.slice(start, i))
      start = i + 1
    }
  }
  out.push(input.slice(start))
  return out
}

/** `"a \"b\""` → `a "b"`; unquoted text is returned as is. */
export function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1')
  }
  return value
}

/** Removes whitespace outside double quotes, as PostgREST's select parser tolerates. */
export function stripSpaces(input: string): string {
  let out = ''
  let quoted = false
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!
    if (c === '"' && input[i - 1] !== '\\') quoted = !quoted
    if (quoted || !/\s/.test(c)) out += c
  }
  return out
}

export interface JsonStep {
  arrow: '->' | '->>'
  key: string
}

/** A column reference with an optional JSON path: `data->a->>b`. */
export interface Field {
  name: string
  path: JsonStep[]
}

export function parseField(raw: string, context: string): Field {
  const parts = raw.split(/(->>|->)/)
  const name = unquote(parts[0] ?? '')
  if (!name) throw queryParamError(`failed to parse ${context}`, `unexpected "${raw}" expecting field name`)
  const path: JsonStep[] = []
  for (let i = 1; i < parts.length; i += 2) {
    const key = unquote(parts[i + 1] ?? '')
    if (!key) throw queryParamError(`failed to parse ${context}`, `unexpected end of input in JSON path "${raw}"`)
    path.push({ arrow: parts[i] as '->' | '->>', key })
  }
  return { name, path }
}

/** The last JSON key names a path's output, as in PostgREST (`data->>email` → `email`). */
export function fieldOutputName(field: Field): string {
  return field.path.length ? field.path[field.path.length - 1]!.key : field.name
}

export type SelectItem =
  | { kind: 'star' }
  | { kind: 'column'; field: Field; alias?: string; cast?: string }
  | {
      kind: 'embed'
      name: string
      alias?: string
      hint?: string
      join: 'inner' | 'left'
      spread: boolean
      children: SelectItem[]
    }
  | { kind: 'aggregate'; fn: AggregateFn; field?: Field; alias?: string; cast?: string }

export type AggregateFn = 'count' | 'sum' | 'avg' | 'min' | 'max'

/** `count()`, or `<column>.<fn>()`, optionally cast: `amount.sum()::int`. */
const AGGREGATE = /^(?:(.+)\.)?(count|sum|avg|min|max)\(\)(?:::(.+))?$/
const CAST = /^[A-Za-z_][A-Za-z0-9_ ]*(\[\])?$/

/** Position of the alias colon: a single `:` not part of `::`, outside quotes. */
function aliasColon(item: string): number {
  let quoted = false
  for (let i = 0; i < item.length; i++) {
    const c = item[i]
    if (c === '"') quoted = !quoted
    if (quoted) continue
    if (c === '(' || c === '-') return -1
    if (c === ':' && item[i + 1] !== ':' && item[i - 1] !== ':') return i
    if (c === ':' && item[i + 1] === ':') return -1
  }
  return -1
}

function openParen(item: string): number {
  let quoted = false
  for (let i = 0; i < item.length; i++) {
    if (item[i] === '"') quoted = !quoted
    else if (!quoted && item[i] === '(') return i
  }
  return -1
}

function parseEmbed(raw: string, head: string, inner: string, spread: boolean, alias: string | undefined): SelectItem {
  const [nameRaw, ...hints] = head.split('!')
  const name = unquote(nameRaw ?? '')
  if (!name) throw queryParamError('failed to parse select parameter', `unexpected "${raw}" expecting an embedded resource`)
  let join: 'inner' | 'left' = 'left'
  let hint: string | undefined
  for (const h of hints) {
    if (h === 'inner' || h === 'left') join = h
    else if (h && hint === undefined) hint = unquote(h)
    else throw queryParamError('failed to parse select parameter', `unexpected "!${h}" in "${raw}"`)
  }
  const item: SelectItem = { kind: 'embed', name, join, spread, children: inner === '' ? [] : parseItems(inner) }
  if (alias !== undefined) item.alias = alias
  if (hint !== undefined) item.hint = hint
  return item
}

function parseCast(cast: string | undefined): string | undefined {
  if (cast !== undefined && !CAST.test(cast)) {
    throw queryParamError('failed to parse select parameter', `unexpected "${cast}" expecting a type name`)
  }
  return cast
}

function parseAggregate(raw: string, [, column, fn, cast]: RegExpExecArray, alias: string | undefined): SelectItem {
  if (column === undefined && fn !== 'count') {
    throw queryParamError('failed to parse select parameter', `unexpected "${raw}" expecting a column before ".${fn}()"`)
  }
  const item: SelectItem = { kind: 'aggregate', fn: fn as AggregateFn }
  if (column !== undefined) item.field = parseField(column, 'select parameter')
  if (alias !== undefined) item.alias = alias
  const type = parseCast(cast)
  if (type !== undefined) item.cast = type
  return item
}

function parseItem(raw: string): SelectItem {
  if (raw === '*') return { kind: 'star' }
  if (raw === '') throw queryParamError('failed to parse select parameter', 'unexpected empty select item')
  const spread = raw.startsWith('...')
  const body = spread ? raw.slice(3) : raw
  const colon = spread ? -1 : aliasColon(body)
  const alias = colon >= 0 ? unquote(body.slice(0, colon)) : undefined
  const rest = colon >= 0 ? body.slice(colon + 1) : body
  const aggregate = spread ? null : AGGREGATE.exec(rest)
  if (aggregate) return parseAggregate(raw, aggregate, alias)
  const paren = openParen(rest)
  if (paren >= 0) {
    if (!rest.endsWith(')')) throw queryParamError('failed to parse select parameter', `unexpected "${raw}" expecting ")"`)
    return parseEmbed(raw, rest.slice(0, paren), rest.slice(paren + 1, -1), spread, alias)
  }
  if (spread) throw queryParamError('failed to parse select parameter', `unexpected "${raw}" expecting "("`)
  const castAt = rest.indexOf('::')
  const cast = parseCast(castAt >= 0 ? rest.slice(castAt + 2) : undefined)
  const field = parseField(castAt >= 0 ? rest.slice(0, castAt) : rest, 'select parameter')
  const item: SelectItem = { kind: 'column', field }
  if (alias !== undefined) item.alias = alias
  if (cast !== undefined) item.cast = cast
  return item
}

function parseItems(input: string): SelectItem[] {
  return splitTopLevel(input).map(parseItem)
}

export function parseSelect(raw: string | null): SelectItem[] {
  if (raw === null || raw.trim() === '') return [{ kind: 'star' }]
  return parseItems(stripSpaces(raw))
}

export const OPERATORS: Record<string, string> = {
  eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=',
  like: 'like', ilike: 'ilike', match: '~', imatch: '~*',
  cs: '@>', cd: '<@', ov: '&&', sl: '<<', sr: '>>', nxr: '&<', nxl: '&>', adj: '-|-',
  isdistinct: 'is distinct from',
}
export const FTS: Record<string, string> = {
  fts: 'to_tsquery', plfts: 'plainto_tsquery', phfts: 'phraseto_tsquery', wfts: 'websearch_to_tsquery',
}
const QUANTIFIABLE = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch'])
const IS_VALUES = new Set(['null', 'not_null', 'true', 'false', 'unknown'])

export type Operation =
  | { op: string; value: string }
  | { op: 'in'; values: string[] }
  | { op: 'is'; value: 'null' | 'not_null' | 'true' | 'false' | 'unknown' }
  | { op: string; quantifier: 'any' | 'all'; values: string[] }
  | { op: 'fts' | 'plfts' | 'phfts' | 'wfts'; config?: string; value: string }

export interface Filter {
  kind: 'filter'
  /** The column (with an optional JSON path), or an embed's name for `rel=is.null`. */
  field: Field
  negate: boolean
  operation: Operation
}

export interface Logic {
  kind: 'logic'
  op: 'and' | 'or'
  negate: boolean
  children: Condition[]
}

export type Condition = Filter | Logic

/** `(a,"b,c")` or `{a,b}` → the items, unquoted. */
function parseList(raw: string, open: string, close: string, context: string): string[] {
  if (!raw.startsWith(open) || !raw.endsWith(close)) {
    throw queryParamError(`failed to parse filter (${context})`, `unexpected "${raw}" expecting "${open}"`)
  }
  const inner = raw.slice(1, -1)
  if (inner === '') return []
  return splitTopLevel(inner).map((v) => unquote(v))
}

/**
 * Parses `[not.]op[(modifier)].value`. `inLogic` values may be double-quoted (PostgREST unquotes
 * them inside `or=(…)`); top-level values are taken literally.
 */
export function parseOperation(raw: string, inLogic: boolean): { negate: boolean; operation: Operation } {
  const negate = raw.startsWith('not.')
  const body = negate ? raw.slice(4) : raw
  const m = /^([a-z]+)(?:\(([^)]*)\))?\.([\s\S]*)$/.exec(body)
  const fail = () => queryParamError(`failed to parse filter (${raw})`, `unexpected "${body}" expecting an operator and a value`)
  if (!m) throw fail()
  const [, op, modifier, rawValue] = m as unknown as [string, string, string | undefined, string]
  const value = inLogic ? unquote(rawValue) : rawValue
  if (op === 'in') return { negate, operation: { op, values: parseList(rawValue, '(', ')', raw) } }
  if (op === 'is') {
    const v = value.toLowerCase()
    if (!IS_VALUES.has(v)) throw fail()
    return { negate, operation: { op: 'is', value: v as 'null' } }
  }
  if (op in FTS) {
    const fts = op as 'fts' | 'plfts' | 'phfts' | 'wfts'
    return { negate, operation: modifier ? { op: fts, config: modifier, value } : { op: fts, value } }
  }
  if (!(op in OPERATORS)) throw fail()
  if (modifier !== undefined) {
    if ((modifier !== 'any' && modifier !== 'all') || !QUANTIFIABLE.has(op)) throw fail()
    return { negate, operation: { op, quantifier: modifier, values: parseList(rawValue, '{', '}', raw) } }
  }
  return { negate, operation: { op, value } }
}

/** One item inside `or=(…)`: a nested `[not.]and(…)`/`[not.]or(…)`, or `field.[not.]op.value`. */
function parseLogicItem(raw: string): Condition {
  const nested = /^(not\.)?(and|or)\(([\s\S]*)\)$/.exec(raw)
  if (nested) return parseLogicBody(nested[2] as 'and' | 'or', Boolean(nested[1]), `(${nested[3]})`)
  const dot = raw.startsWith('"') ? raw.indexOf('"', 1) + 1 : raw.indexOf('.')
  if (dot <= 0 || raw[dot] !== '.') throw queryParamError(`failed to parse logic tree (${raw})`, `unexpected "${raw}" expecting a filter`)
  const field = parseField(raw.slice(0, dot), `logic tree (${raw})`)
  return { kind: 'filter', field, ...parseOperation(raw.slice(dot + 1), true) }
}

export function parseLogicBody(op: 'and' | 'or', negate: boolean, raw: string): Logic {
  if (!raw.startsWith('(') || !raw.endsWith(')') || raw.length < 3) {
    throw queryParamError(`failed to parse logic tree (${raw})`, `unexpected "${raw}" expecting "("`)
  }
  return { kind: 'logic', op, negate, children: splitTopLevel(raw.slice(1, -1)).map(parseLogicItem) }
}

export interface OrderTerm {
  /** Set for `rel(col)` terms: order by a to-one embed's column. */
  relation?: string
  field: Field
  direction?: 'asc' | 'desc'
  nulls?: 'first' | 'last'
}

export function parseOrder(raw: string): OrderTerm[] {
  return splitTopLevel(raw).map((term) => {
    const fail = () => queryParamError(`failed to parse order (${raw})`, `unexpected "${term}" expecting a column and a direction`)
    const rel = /^([^().]+)\(([^)]+)\)(.*)$/.exec(term)
    const head = rel ? rel[2]! : term.startsWith('"') ? term.slice(0, term.indexOf('"', 1) + 1) : term.split('.')[0]!
    const tail = rel ? rel[3]! : term.slice(head.length)
    const mods = tail === '' ? [] : tail.startsWith('.') ? tail.slice(1).split('.') : null
    if (!head || !mods || mods.length > 2) throw fail()
    const out: OrderTerm = { field: parseField(head, `order (${raw})`) }
    if (rel) out.relation = rel[1]!
    for (const mod of mods) {
      if ((mod === 'asc' || mod === 'desc') && !out.direction && !out.nulls) out.direction = mod
      else if ((mod === 'nullsfirst' || mod === 'nullslast') && !out.nulls) out.nulls = mod === 'nullsfirst' ? 'first' : 'last'
      else throw fail()
    }
    return out
  })
}

/** Filters and modifiers addressed to one level of the result (root = '', embeds = 'a' or 'a.b'). */
export interface LevelParams {
  filters: Condition[]
  order?: OrderTerm[]
  limit?: number
  offset?: number
}

export interface QueryParams {
  select: SelectItem[]
  levels: Map<string, LevelParams>
  columns?: string[]
  onConflict?: string[]
  /** Query parameters left for RPC arguments (GET/HEAD calls). */
  args: Map<string, string>
}

function level(levels: Map<string, LevelParams>, path: string): LevelParams {
  let l = levels.get(path)
  if (!l) {
    l = { filters: [] }
    levels.set(path, l)
  }
  return l
}

function nonNegative(name: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw queryParamError(`failed to parse ${name} parameter (${raw})`, `unexpected "${raw}" expecting a non-negative integer`)
  return Number(raw)
}

const columnList = (raw: string) => splitTopLevel(raw).map((c) => unquote(c.trim())).filter(Boolean)

/**
 * Splits the query string the way PostgREST reads it. `argNames` are an RPC's parameters: those
 * keys are call arguments, not filters.
 */
export function parseQueryParams(search: URLSearchParams, argNames: Set<string> = new Set()): QueryParams {
  const out: QueryParams = { select: parseSelect(search.get('select')), levels: new Map([['', { filters: [] }]]), args: new Map() }
  for (const [k, v] of search) {
    if (k === 'select') continue
    if (k === 'columns') {
      out.columns = columnList(v)
      continue
    }
    if (k === 'on_conflict') {
      out.onConflict = columnList(v)
      continue
    }
    if (argNames.has(k)) {
      out.args.set(k, v)
      continue
    }
    const segments = k.split('.')
    const last = segments[segments.length - 1]!
    if (last === 'or' || last === 'and') {
      const negate = segments[segments.length - 2] === 'not'
      const path = segments.slice(0, negate ? -2 : -1).join('.')
      level(out.levels, path).filters.push(parseLogicBody(last, negate, v))
    } else if (last === 'order') {
      level(out.levels, segments.slice(0, -1).join('.')).order = parseOrder(v)
    } else if (last === 'limit' || last === 'offset') {
      level(out.levels, segments.slice(0, -1).join('.'))[last] = nonNegative(last, v)
    } else {
      const field = parseField(last, `filter (${k})`)
      level(out.levels, segments.slice(0, -1).join('.')).filters.push({ kind: 'filter', field, ...parseOperation(v, false) })
    }
  }
  return out
}
