import type { Sql } from 'postgres'

export interface Column {
  name: string
  /** format_type() spelling, usable in casts and column definition lists. */
  type: string
  /** pg_type.typname of the column (tsvector detection for full-text filters). */
  typeName: string
  notNull: boolean
  /** Default expression text, or null. */
  defaultExpr: string | null
}

export interface Relation {
  schema: string
  name: string
  kind: 'table' | 'view'
  columns: Map<string, Column>
  pk: string[]
  /** Every unique key (PK included) as a column list. */
  uniques: string[][]
}

export interface ForeignKey {
  name: string
  /** A view's copy of a base table's FK (PostgREST's view relationships), not the constraint itself. */
  inherited: boolean
  table: string
  columns: string[]
  refTable: string
  refColumns: string[]
}

export interface RoutineParam {
  name: string
  type: string
  hasDefault: boolean
}

export interface Routine {
  schema: string
  name: string
  params: RoutineParam[]
  /** Output columns of RETURNS TABLE / OUT params; empty otherwise. */
  outColumns: RoutineParam[]
  returnsSet: boolean
  isVoid: boolean
  /** The exposed relation whose row type the function returns, if any (for embedding and filters). */
  returnRelation: string | null
  /** True when the function returns a composite (table row, record with OUT params). */
  returnsComposite: boolean
  volatility: 'i' | 's' | 'v'
}

export interface SchemaCache {
  /** Keyed by `schema.name`. */
  relations: Map<string, Relation>
  /** FKs between exposed relations (views inherit those of their base tables), `schema.name` keys. */
  foreignKeys: ForeignKey[]
  /** Keyed by `schema.name`; overloads share a key. */
  routines: Map<string, Routine[]>
  /** Roles PostgREST's authenticator may switch to. */
  switchableRoles: Set<string>
  allRoles: Set<string>
  /** `ALTER ROLE … SET` values applied per request, in order. */
  roleSettings: Map<string, [string, string][]>
}

export const key = (schema: string, name: string) => `${schema}.${name}`

interface RawRelation {
  oid: number
  schema: string
  name: string
  kind: string
  columns: { name: string; type: string; typeName: string; notNull: boolean; defaultExpr: string | null }[]
  pk: string[] | null
  uniques: string[][] | null
}

interface RawFk {
  name: string
  table: number
  columns: string[]
  refTable: number
  refColumns: string[]
}

interface RawRoutine {
  schema: string
  name: string
  args: { name: string; type: string; mode: string }[]
  nDefaults: number
  returnsSet: boolean
  isVoid: boolean
  returnRelOid: number | null
  returnsComposite: boolean
  volatility: 'i' | 's' | 'v'
}

interface RawSnapshot {
  relations: RawRelation[]
  fks: RawFk[]
  viewDeps: { view: number; base: number; column: string }[]
  routines: RawRoutine[]
  roles: { name: string; switchable: boolean }[]
  settings: { role: string; config: string[] }[]
}

/** One round trip: everything the request planner needs about the exposed schemas, as JSON. */
const INTROSPECT = `
with rels as (
  select c.oid, n.nspname, c.relname, c.relkind
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = any($1::text[]) and c.relkind in ('r', 'p', 'v', 'm', 'f')
)
select json_build_object(
  'relations', (select coalesce(json_agg(json_build_object(
      'oid', r.oid, 'schema', r.nspname, 'name', r.relname, 'kind', r.relkind,
      'columns', (select coalesce(json_agg(json_build_object(
          'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'typeName', t.typname,
          'notNull', a.attnotnull,
          'defaultExpr', coalesce(pg_get_expr(d.adbin, d.adrelid), case when a.attidentity <> '' then
            format('nextval(%L::regclass)', pg_get_serial_sequence(format('%I.%I', r.nspname, r.relname), a.attname)) end))
          order by a.attnum), '[]')
        from pg_attribute a join pg_type t on t.oid = a.atttypid
        left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped),
      'pk', (select array(select a.attname from unnest(i.indkey) with ordinality k(n, o)
               join pg_attribute a on a.attrelid = r.oid and a.attnum = k.n order by k.o)
             from pg_index i where i.indrelid = r.oid and i.indisprimary),
      'uniques', (select json_agg(array(select a.attname from unnest(i.indkey) with ordinality k(n, o)
               join pg_attribute a on a.attrelid = r.oid and a.attnum = k.n order by k.o))
             from pg_index i where i.indrelid = r.oid and i.indisunique and i.indpred is null and i.indexprs is null)
    )), '[]') from rels r),
  'fks', (select coalesce(json_agg(json_build_object(
      'name', con.conname, 'table', con.conrelid, 'refTable', con.confrelid,
      'columns', array(select a.attname from unnest(con.conkey) with ordinality k(n, o)
        join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.o),
      'refColumns', array(select a.attname from unnest(con.confkey) with ordinality k(n, o)
        join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.o))), '[]')
    from pg_constraint con where con.contype = 'f'
      and con.conrelid in (select oid from rels) and con.confrelid in (select oid from rels)),
  'viewDeps', (select coalesce(json_agg(distinct jsonb_build_object('view', v.oid, 'base', d.refobjid, 'column', a.attname)), '[]')
    from rels v join pg_rewrite rw on rw.ev_class = v.oid
    join pg_depend d on d.objid = rw.oid and d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass
    join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
    where v.relkind in ('v', 'm') and d.refobjid <> v.oid and d.refobjsubid > 0),
  'routines', (select coalesce(json_agg(json_build_object(
      'schema', n.nspname, 'name', p.proname, 'nDefaults', p.pronargdefaults, 'returnsSet', p.proretset,
      'isVoid', p.prorettype = 'void'::regtype, 'volatility', p.provolatile,
      'returnRelOid', nullif(t.typrelid, 0),
      'returnsComposite', t.typtype = 'c' or (p.prorettype = 'record'::regtype and p.proallargtypes is not null),
      'args', (select coalesce(json_agg(json_build_object(
          'name', coalesce(p.proargnames[g.i], ''), 'type', format_type(coalesce(p.proallargtypes[g.i], p.proargtypes[g.i - 1]), null),
          'mode', coalesce(p.proargmodes[g.i]::text, 'i')) order by g.i), '[]')
        from generate_series(1, coalesce(array_length(p.proallargtypes, 1), p.pronargs)) g(i)))), '[]')
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_type t on t.oid = p.prorettype
    where n.nspname = any($1::text[]) and p.prokind = 'f'),
  'roles', (select json_agg(json_build_object('name', r.rolname,
      'switchable', r.rolname <> 'authenticator' and pg_has_role('authenticator', r.oid, 'member'))) from pg_roles r),
  'settings', (select coalesce(json_agg(json_build_object('role', r.rolname, 'config', s.setconfig) order by s.setdatabase), '[]')
    from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
    where s.setdatabase in (0, (select oid from pg_database where datname = current_database())))
)::text as snapshot`

function buildRelations(raw: RawSnapshot) {
  const byOid = new Map<number, Relation>()
  for (const r of raw.relations) {
    const columns = new Map(r.columns.map((c) => [c.name, c]))
    const pk = r.pk ?? []
    byOid.set(r.oid, {
      schema: r.schema,
      name: r.name,
      kind: r.kind === 'v' || r.kind === 'm' ? 'view' : 'table',
      columns,
      pk,
      uniques: r.uniques ?? [],
    })
  }
  return byOid
}

/**
 * A view column inherits a base-table column when the view depends on exactly one base column of
 * that name. Views that rename or compute key columns get no inherited relationships (a known gap).
 */
function viewColumnMaps(raw: RawSnapshot) {
  const deps = new Map<number, Map<string, number[]>>()
  for (const d of raw.viewDeps) {
    const cols = deps.get(d.view) ?? new Map<string, number[]>()
    cols.set(d.column, [...(cols.get(d.column) ?? []), d.base])
    deps.set(d.view, cols)
  }
  return deps
}

function buildForeignKeys(raw: RawSnapshot, byOid: Map<number, Relation>): ForeignKey[] {
  const name = (oid: number) => {
    const r = byOid.get(oid)!
    return key(r.schema, r.name)
  }
  const direct = raw.fks.map((f) => ({ ...f }))
  const out: ForeignKey[] = direct.map((f) => ({
    name: f.name,
    inherited: false,
    table: name(f.table),
    columns: f.columns,
    refTable: name(f.refTable),
    refColumns: f.refColumns,
  }))
  const views = viewColumnMaps(raw)
  const covers = (view: number, base: number, cols: string[]) =>
    byOid.get(view)!.columns.size > 0 && cols.every((c) => byOid.get(view)!.columns.has(c) && views.get(view)?.get(c)?.length === 1 && views.get(view)?.get(c)?.[0] === base)
  for (const [view] of views) {
    for (const f of direct) {
      if (covers(view, f.table, f.columns)) {
        out.push({ name: f.name, inherited: true, table: name(view), columns: f.columns, refTable: name(f.refTable), refColumns: f.refColumns })
      }
      if (covers(view, f.refTable, f.refColumns)) {
        out.push({ name: f.name, inherited: true, table: name(f.table), columns: f.columns, refTable: name(view), refColumns: f.refColumns })
      }
    }
  }
  return out
}

function buildRoutines(raw: RawSnapshot, byOid: Map<number, Relation>) {
  const routines = new Map<string, Routine[]>()
  for (const r of raw.routines) {
    const inputs = r.args.filter((a) => a.mode === 'i' || a.mode === 'b' || a.mode === 'v')
    const params = inputs.map((a, i) => ({ name: a.name, type: a.type, hasDefault: i >= inputs.length - r.nDefaults }))
    const outColumns = r.args
      .filter((a) => a.mode === 'o' || a.mode === 'b' || a.mode === 't')
      .map((a) => ({ name: a.name, type: a.type, hasDefault: false }))
    const rel = r.returnRelOid === null ? undefined : byOid.get(r.returnRelOid)
    const routine: Routine = {
      schema: r.schema,
      name: r.name,
      params,
      outColumns,
      returnsSet: r.returnsSet,
      isVoid: r.isVoid,
      returnRelation: rel ? key(rel.schema, rel.name) : null,
      returnsComposite: r.returnsComposite,
      volatility: r.volatility,
    }
    const k = key(r.schema, r.name)
    routines.set(k, [...(routines.get(k) ?? []), routine])
  }
  return routines
}

export async function loadSchemaCache(sql: Sql, schemas: string[]): Promise<SchemaCache> {
  const [row] = await sql.unsafe<{ snapshot: string }[]>(INTROSPECT, [`{${schemas.map((s) => `"${s}"`).join(',')}}`])
  const raw = JSON.parse(row!.snapshot) as RawSnapshot
  const byOid = buildRelations(raw)
  const roleSettings = new Map<string, [string, string][]>()
  for (const s of raw.settings) {
    const list = roleSettings.get(s.role) ?? []
    for (const entry of s.config) {
      const eq = entry.indexOf('=')
      const name = entry.slice(0, eq)
      const at = list.findIndex(([n]) => n === name)
      if (at >= 0) list.splice(at, 1)
      list.push([name, entry.slice(eq + 1)])
    }
    roleSettings.set(s.role, list)
  }
  return {
    relations: new Map([...byOid.values()].map((r) => [key(r.schema, r.name), r])),
    foreignKeys: buildForeignKeys(raw, byOid),
    routines: buildRoutines(raw, byOid),
    switchableRoles: new Set(raw.roles.filter((r) => r.switchable).map((r) => r.name)),
    allRoles: new Set(raw.roles.map((r) => r.name)),
    roleSettings,
  }
}
