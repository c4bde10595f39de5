import { ApiError } from './errors.ts'
import type { Column, Relation, Routine, SchemaCache } from './schema-cache.ts'
import { key } from './schema-cache.ts'
import { ident, qualified, type Params } from './sql.ts'

const isJsonType = (t: string) => t === 'json' || t === 'jsonb'

/** A single unnamed json/jsonb parameter receives the whole POST body. */
export const takesWholeBody = (r: Routine) => r.params.length === 1 && r.params[0]!.name === '' && isJsonType(r.params[0]!.type)

/** The raw-body media types PostgREST passes to a single unnamed parameter of the matching type. */
export const RAW_BODY_TYPES: Record<string, string> = { 'text/plain': 'text', 'application/octet-stream': 'bytea', 'text/xml': 'xml' }

const takesRawBody = (r: Routine, type: string) => r.params.length === 1 && r.params[0]!.name === '' && r.params[0]!.type === type

function signature(r: Routine) {
  return `${r.schema}.${r.name}(${r.params.map((p) => `${p.name === '' ? '' : `${p.name} => `}${p.type}`).join(', ')})`
}

/**
 * Overload resolution as PostgREST does it (PGRST202 none, PGRST203 several): by argument names,
 * which unnamed parameters never match (they are reached only through the whole JSON body or a raw
 * text/bytea/xml body), so no request can turn into a call PostgreSQL cannot parse.
 */
export function resolveRoutine(cache: SchemaCache, schema: string, name: string, argNames: string[], isPost: boolean, rawType?: string): Routine {
  const candidates = cache.routines.get(key(schema, name)) ?? []
  const matches = candidates.filter((r) => {
    if (rawType !== undefined) return takesRawBody(r, rawType)
    if (isPost && takesWholeBody(r)) return true
    const names = new Set(r.params.map((p) => p.name).filter((n) => n !== ''))
    return argNames.every((a) => names.has(a)) && r.params.every((p) => p.hasDefault || (p.name !== '' && argNames.includes(p.name)))
  })
  if (matches.length === 1) return matches[0]!
  if (matches.length > 1) {
    throw new ApiError(
      300,
      'PGRST203',
      `Could not choose the best candidate function between: ${matches.map(signature).join(', ')}`,
      null,
      'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    )
  }
  if (rawType !== undefined) {
    throw new ApiError(
      404,
      'PGRST202',
      `Could not find the function ${schema}.${name} in the schema cache`,
      `Searched for the function ${schema}.${name} with a single unnamed ${rawType} parameter, but no matches were found in the schema cache.`,
    )
  }
  const sorted = [...argNames].sort()
  const list = sorted.join(', ')
  const withParams = sorted.length === 0 ? ' without parameters' : ` with parameter${sorted.length > 1 ? 's' : ''} ${list}`
  throw new ApiError(
    404,
    'PGRST202',
    `Could not find the function ${schema}.${name}${sorted.length === 0 ? ' without parameters' : `(${list})`} in the schema cache`,
    `Searched for the function ${schema}.${name}${withParams}${isPost ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
  )
}

/**
 * The call expression. POST arguments come from the JSON body through json_to_record, so
 * PostgreSQL converts them to the parameter types; GET arguments are cast from text.
 */
export function callSql(r: Routine, params: Params, args: { body?: string; raw?: string; query?: Map<string, string> }): string {
  const fn = qualified(r.schema, r.name)
  if (args.raw !== undefined) return `${fn}(${params.add(args.raw)}::${r.params[0]!.type})`
  if (args.body !== undefined && takesWholeBody(r)) return `${fn}(${params.add(args.body)}::${r.params[0]!.type})`
  const named: string[] = []
  if (args.body !== undefined) {
    const provided = new Set(Object.keys(JSON.parse(args.body) as object))
    const used = r.params.filter((p) => provided.has(p.name))
    if (used.length) {
      const body = params.add(args.body)
      const defs = used.map((p) => `${ident(p.name)} ${p.type}`).join(', ')
      for (const p of used) named.push(`${ident(p.name)} := (SELECT _pgrst_args.${ident(p.name)} FROM json_to_record(${body}::json) AS _pgrst_args(${defs}))`)
    }
  } else {
    for (const p of r.params) {
      const v = args.query?.get(p.name)
      if (v !== undefined) named.push(`${ident(p.name)} := ${params.add(v)}::${p.type}`)
    }
  }
  return `${fn}(${named.join(', ')})`
}

/** A relation-shaped view of what a composite-returning function yields (filters, select, embeds). */
export function routineRelation(cache: SchemaCache, r: Routine): { relation: Relation; key: string } | null {
  if (r.returnRelation) return { relation: cache.relations.get(r.returnRelation)!, key: r.returnRelation }
  if (!r.returnsComposite || r.outColumns.length === 0) return null
  const columns = new Map<string, Column>(
    r.outColumns.map((c) => [c.name, { name: c.name, type: c.type, typeName: c.type, notNull: false, defaultExpr: null }]),
  )
  return { relation: { schema: r.schema, name: r.name, kind: 'view', columns, pk: [], uniques: [] }, key: key(r.schema, r.name) }
}
