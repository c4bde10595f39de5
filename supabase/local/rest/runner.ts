import postgres, { type Sql } from 'postgres'
import { ApiError } from './errors.ts'
import { literal } from './sql.ts'

const asText = (x: unknown) => String(x)

/**
 * The REST pool. Results are read as text only (response JSON comes straight from PostgreSQL), and
 * the few bound parameters (schema introspection) go as text exactly as given: postgres.js would
 * otherwise JSON.stringify values the server typed json, turn 'true' into 'f' and reparse dates. (Array types stay
 * fetched: their serializer passes strings through, and postgres.js 3.4's reserve() never resolves
 * on a fresh pool when fetch_types is off.)
 */
export function createRestPool(url: string, max = 10): Sql {
  const identity = (to: number, from: number[]) => ({ to, from, serialize: asText, parse: asText })
  return postgres(url, {
    max,
    // Statements carry their values as literals (sql.ts), quoted for standard_conforming_strings.
    prepare: false,
    onnotice: () => {},
    connection: { application_name: 'supabase-local-rest', standard_conforming_strings: 'on' },
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
function setupSql(s: RequestSettings): string {
  return `SELECT set_config('search_path', ${literal(s.searchPath)}, true),
  (SELECT count(set_config(s.k, s.v, true)) FROM json_each_text(${literal(JSON.stringify(s.roleSettings))}::json) AS s(k, v)),
  set_config('role', ${literal(s.role)}, true), set_config('request.jwt.claims', ${literal(s.claims)}, true),
  set_config('request.method', ${literal(s.method)}, true), set_config('request.path', ${literal(s.path)}, true),
  set_config('request.headers', ${literal(s.headers)}, true), set_config('request.cookies', ${literal(s.cookies)}, true)`
}

export interface Statement {
  sql: string
}

export type Row = Record<string, string | null>

/** The last `n` result sets of a multi-statement simple query (the statements after the setup). */
function statementResults(raw: unknown, n: number): Row[][] {
  const all = raw as Row[][]
  return all.slice(all.length - n)
}

/**
 * Runs one request's transaction. The setup and the statements go as one simple-protocol message,
 * which PostgreSQL runs as one implicit transaction: one write, one round trip, one flush of the
 * results (prepared statements would need a Bind/Execute/Sync exchange per statement). When the
 * end of the transaction depends on the results (`decide`: singular and max-affected checks) or
 * must be a rollback, an explicit BEGIN on a reserved connection waits for them instead.
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
  const body = [setupSql(opts.settings), ...opts.statements.map((st) => st.sql)].join(';\n')
  // A NUL would end the protocol message early (08P01); PostgreSQL refuses it in a bound value with
  // 22021, which is what the request's values were before they became literals.
  if (body.includes('\0')) throw new ApiError(400, '22021', 'invalid byte sequence for encoding "UTF8": 0x00')
  if (!opts.decide && !opts.rollback) {
    const text = opts.readOnly ? `SET TRANSACTION READ ONLY;\n${body}` : body
    return statementResults(await sql.unsafe(text).simple(), opts.statements.length)
  }
  const conn = await sql.reserve()
  try {
    let results: Row[][]
    try {
      results = statementResults(await conn.unsafe(`BEGIN${opts.readOnly ? ' READ ONLY' : ''};\n${body}`).simple(), opts.statements.length)
    } catch (e) {
      await conn.unsafe('ROLLBACK')
      throw e
    }
    const commit = !opts.rollback && (opts.decide?.(results) ?? true)
    await conn.unsafe(commit ? 'COMMIT' : 'ROLLBACK')
    return results
  } finally {
    conn.release()
  }
}
