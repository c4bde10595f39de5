import { ApiError, notImplemented } from './errors.ts'
import { key, type ForeignKey, type SchemaCache } from './schema-cache.ts'

export type Cardinality = 'many-to-one' | 'one-to-many' | 'one-to-one' | 'many-to-many'

export interface Junction {
  table: string
  /** Junction columns pointing at the source, paired with the source columns. */
  sourceFk: ForeignKey
  targetFk: ForeignKey
}

/** A way to embed `target` rows into `source` rows; `pairs` are (source column, target column). */
export interface Relationship {
  cardinality: Cardinality
  source: string
  target: string
  constraint: string
  pairs: [string, string][]
  junction?: Junction
  /** Derived from a view's inherited FK rather than the constraint's own tables. */
  inherited: boolean
}

const nameOf = (qualified: string) => qualified.slice(qualified.indexOf('.') + 1)
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((c) => b.includes(c))

function isUnique(cache: SchemaCache, relation: string, columns: string[]) {
  return cache.relations.get(relation)?.uniques.some((u) => sameSet(u, columns)) ?? false
}

/** Every relationship starting at `source`, derived from foreign keys as PostgREST does. */
export function relationshipsFrom(cache: SchemaCache, source: string): Relationship[] {
  const out: Relationship[] = []
  for (const fk of cache.foreignKeys) {
    const pairs = fk.columns.map((c, i): [string, string] => [c, fk.refColumns[i]!])
    const oneToOne = isUnique(cache, fk.table, fk.columns)
    if (fk.table === source) {
      out.push({ cardinality: oneToOne ? 'one-to-one' : 'many-to-one', source, target: fk.refTable, constraint: fk.name, pairs, inherited: fk.inherited })
    }
    if (fk.refTable === source) {
      out.push({
        cardinality: oneToOne ? 'one-to-one' : 'one-to-many',
        source,
        target: fk.table,
        constraint: fk.name,
        pairs: pairs.map(([a, b]) => [b, a]),
        inherited: fk.inherited,
      })
    }
  }
  for (const [junctionName, junction] of cache.relations) {
    const keyCols = junction.pk
    const fks = cache.foreignKeys.filter((f) => f.table === junctionName && f.columns.every((c) => keyCols.includes(c)))
    for (const sourceFk of fks) {
      if (sourceFk.refTable !== source) continue
      for (const targetFk of fks) {
        if (targetFk === sourceFk) continue
        out.push({
          cardinality: 'many-to-many',
          source,
          target: targetFk.refTable,
          constraint: targetFk.name,
          pairs: [],
          junction: { table: junctionName, sourceFk, targetFk },
          inherited: sourceFk.inherited || targetFk.inherited,
        })
      }
    }
  }
  return out
}

export const isToOne = (r: Relationship) => r.cardinality === 'many-to-one' || r.cardinality === 'one-to-one'

function describe(r: Relationship) {
  const fmt = (cols: string[]) => `(${cols.join(', ')})`
  if (r.junction) {
    const j = r.junction
    return {
      cardinality: r.cardinality,
      embedding: `${nameOf(r.source)} with ${nameOf(r.target)}`,
      relationship: `${nameOf(j.table)} using ${j.sourceFk.name}${fmt(j.sourceFk.columns)} and ${j.targetFk.name}${fmt(j.targetFk.columns)}`,
    }
  }
  return {
    cardinality: r.cardinality,
    embedding: `${nameOf(r.source)} with ${nameOf(r.target)}`,
    relationship: `${r.constraint} using ${nameOf(r.source)}${fmt(r.pairs.map((p) => p[0]))} and ${nameOf(r.target)}${fmt(r.pairs.map((p) => p[1]))}`,
  }
}

/**
 * A self-referencing FK matches both ways. Without a hint the table's name means its children (the
 * to-many side); a FK column hint means the to-one side (the row's parent), the constraint name the
 * children.
 */
function selfReference(matches: Relationship[], hint: string | undefined): Relationship | undefined {
  const [a, b] = matches as [Relationship, Relationship]
  if (a.constraint !== b.constraint || a.source !== a.target || b.source !== b.target || isToOne(a) === isToOne(b)) return undefined
  const toOne = isToOne(a) ? a : b
  const toMany = toOne === a ? b : a
  if (hint === undefined || hint === a.constraint) return toMany
  return toOne.pairs.length === 1 && toOne.pairs[0]![0] === hint ? toOne : undefined
}

/**
 * Resolves `name!hint` in a select from `source`: `name` is a relation, or (to-one) a FK name or FK
 * column; `hint` names the FK, a column of it, or the junction table.
 */
export function resolveEmbed(cache: SchemaCache, schema: string, source: string, name: string, hint: string | undefined): Relationship {
  const all = relationshipsFrom(cache, source)
  const byRelation = all.filter((r) => r.target === key(schema, name))
  // A FK constraint names its relationship in either direction; a FK column only the to-one side.
  const byKey = all.filter(
    (r) => r.target !== key(schema, name) && !r.junction && (r.constraint === name || (isToOne(r) && r.pairs.length === 1 && r.pairs[0]![0] === name)),
  )
  // A constraint or column names the FK itself: views inheriting it are not other candidates.
  const direct = byKey.filter((r) => !r.inherited)
  const byName = [...byRelation, ...(direct.length ? direct : byKey)]
  const matches =
    hint === undefined
      ? byName
      : byName.filter(
          (r) =>
            r.constraint === hint ||
            (r.junction && nameOf(r.junction.table) === hint) ||
            (!r.junction && r.pairs.length === 1 && (r.pairs[0]![0] === hint || r.pairs[0]![1] === hint)),
        )
  if (matches.length === 1) return matches[0]!
  const recursive = matches.length === 2 ? selfReference(matches, hint) : undefined
  if (recursive) return recursive
  const parent = nameOf(source)
  if (matches.length === 0) {
    if (hint === undefined && isComputedRelationship(cache, schema, source, name)) {
      throw notImplemented(`Computed relationships (the function ${schema}.${name} as an embedded resource)`)
    }
    throw new ApiError(
      400,
      'PGRST200',
      `Could not find a relationship between '${parent}' and '${name}' in the schema cache`,
      `Searched for a foreign key relationship between '${parent}' and '${name}'${hint === undefined ? '' : ` using the hint '${hint}'`} in the schema '${schema}', but no matches were found.`,
    )
  }
  const options = [...new Set(matches.map((r) => `'${name}!${r.junction ? nameOf(r.junction.table) : r.constraint}'`))].join(', ')
  throw new ApiError(
    300,
    'PGRST201',
    `Could not embed because more than one relationship was found for '${parent}' and '${name}'`,
    matches.map(describe),
    `Try changing '${name}' to one of the following: ${options}. Find the desired relationship in the 'details' key.`,
  )
}

/** A function taking the source's row type and returning rows: PostgREST's computed relationship. */
function isComputedRelationship(cache: SchemaCache, schema: string, source: string, name: string): boolean {
  const rowType = nameOf(source)
  return (cache.routines.get(key(schema, name)) ?? []).some(
    (r) => r.params.length === 1 && (r.params[0]!.type === rowType || r.params[0]!.type === source) && (r.returnRelation !== null || r.returnsComposite),
  )
}
