import { queryParamError } from './errors.ts'
import { parseLogicBody, parseOperation, parseOrder, type Condition, type OrderTerm } from './parse-filters.ts'
import { parseSelect, type SelectItem } from './parse-select.ts'
import { parseField, splitTopLevel, unquote } from './parse-util.ts'

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
