import { queryParamError } from './errors.ts'
import { parseField, splitTopLevel, unquote, type Field } from './parse-util.ts'

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
  /** Embedded resource path segments before the column, e.g. ['author'] for `author.name`. */
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
