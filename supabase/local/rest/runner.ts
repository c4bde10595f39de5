import postgres, { type Sql } from 'postgres'

const asText = (x: unknown) => String(x)

/**
 * The REST pool. Parameters are bound as text exactly as given: postgres.js would otherwise
 * JSON.stringify values the server typed json, turn 'true' into 'f' for booleans and reparse dates.
 * Results are read as text only; response JSON comes straight from PostgreSQL.
 */
export function createRestPool(url: string, max = 10): Sql {
  const identity = (to: number, from: number[]) => ({ to, from, serialize: asText, parse: asText })
  return postgres(url, {
    max,
    prepare: true,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: 'supabase-local-rest' },
    types: {
      json: identity(114, [114, 3802]),
      boolean: identity(16, [16]),
      date: identity(1184, [1082, 1114, 1184]),
      bytea: identity(17, [17]),
      number: identity(0, [21, 23, 26, 700, 701]),
    },
  })
}

export interface RequestSettings {
  searchPath: string
  roleSettings: Record<string, string>
  role: string
  claims: string
  method: string
  path: string
  headers: string
  cookies: string
}

/**
 * PostgREST's per-request settings, in its order, in one statement: search_path, the role's own
 * settings (applied before the switch, as the connecting role would), role, claims, request.*.
 */
const SETUP = `select set_config('search_path', $1, true),
  (select count(set_config(s.k, s.v, true)) from json_each_text($2::json) as s(k, v)),
  set_config('role', $3, true), set_config('request.jwt.claims', $4, true),
  set_config('request.method', $5, true), set_config('request.path', $6, true),
  set_config('request.headers', $7, true), set_config('request.cookies', $8, true)`

export interface Statement {
  sql: string
  params: string[]
}

export type Row = Record<string, string | null>

/**
 * Runs one request's transaction on one connection. BEGIN, the settings, the statements and (unless
 * `decide` is given) COMMIT/ROLLBACK are pipelined: one round trip once the statements are
 * prepared. With `decide`, the end of the transaction waits for the results (singular and
 * max-affected checks must be able to roll back).
 */
export async function runTransaction(
  sql: Sql,
  opts: {
    readOnly: boolean
    settings: RequestSettings
    statements: Statement[]
    rollback?: boolean
    decide?: (results: Row[][]) => boolean
  },
): Promise<Row[][]> {
  const conn = await sql.reserve()
  try {
    const s = opts.settings
    const queries = [
      conn.unsafe(opts.readOnly ? 'begin read only' : 'begin'),
      conn.unsafe(SETUP, [s.searchPath, JSON.stringify(s.roleSettings), s.role, s.claims, s.method, s.path, s.headers, s.cookies]),
      ...opts.statements.map((st) => conn.unsafe(st.sql, st.params)),
    ]
    if (!opts.decide) queries.push(conn.unsafe(opts.rollback ? 'rollback' : 'commit'))
    for (const q of queries) q.execute()
    const settled = await Promise.allSettled(queries)
    const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    const results = settled.slice(2, 2 + opts.statements.length).map((r) => (r.status === 'fulfilled' ? (r.value as unknown as Row[]) : []))
    if (opts.decide) {
      const commit = !failure && !opts.rollback && opts.decide(results)
      await conn.unsafe(commit ? 'commit' : 'rollback')
    }
    if (failure) throw failure.reason
    return results
  } finally {
    conn.release()
  }
}
