import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Sql } from 'postgres'
import type { LocalConfig } from './config.ts'

const PLATFORM_DIR = join(import.meta.dirname, 'platform')

/**
 * Splits a SQL script into statements on top-level semicolons, skipping comments, quoted
 * strings, quoted identifiers and dollar-quoted bodies. Used to record migrations as the CLI does.
 */
export function splitStatements(script: string): string[] {
  const out: string[] = []
  let start = 0
  let i = 0
  const n = script.length
  while (i < n) {
    const c = script[i]!
    const next = script[i + 1]
    if (c === '-' && next === '-') {
      const end = script.indexOf('\n', i)
      i = end === -1 ? n : end + 1
    } else if (c === '/' && next === '*') {
      const end = script.indexOf('*/', i + 2)
      i = end === -1 ? n : end + 2
    } else if (c === "'" || c === '"') {
      i++
      while (i < n && !(script[i] === c && script[i + 1] !== c)) i += script[i] === c ? 2 : 1
      i++
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_0-9]*\$/.exec(script.slice(i))?.[0]
      if (tag) {
        const end = script.indexOf(tag, i + tag.length)
        i = end === -1 ? n : end + tag.length
      } else i++
    } else if (c === ';') {
      const stmt = script.slice(start, i).trim()
      if (stmt) out.push(stmt)
      start = ++i
    } else i++
  }
  const tail = script.slice(start).trim()
  if (tail && splitHasCode(tail)) out.push(tail)
  return out
}

function splitHasCode(s: string) {
  return s.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').trim() !== ''
}

/** Roles, schemas, auth and storage tables: what a hosted project has before any migration. */
export async function applyPlatform(sql: Sql, config: LocalConfig) {
  for (const file of readdirSync(PLATFORM_DIR).filter((f) => f.endsWith('.sql')).sort()) {
    await sql.unsafe(readFileSync(join(PLATFORM_DIR, file), 'utf8'))
  }
  if (!config.api.autoExposeNewTables) {
    await sql.unsafe(`
      alter default privileges for role postgres in schema public
        revoke select, insert, update, delete on tables from anon, authenticated, service_role;
      alter default privileges for role postgres in schema public
        revoke usage, select on sequences from anon, authenticated, service_role;
      alter default privileges for role postgres in schema public
        revoke execute on functions from anon, authenticated, service_role;
    `)
  }
}

export interface MigrationFile {
  version: string
  name: string
  path: string
}

export function listMigrations(migrationsDir: string): MigrationFile[] {
  if (!existsSync(migrationsDir)) return []
  return readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const m = /^(\d+)_?(.*)\.sql$/.exec(file)
      if (!m) throw new Error(`Migration file name must start with a version number: ${file}`)
      return { version: m[1]!, name: m[2]!, path: join(migrationsDir, file) }
    })
}

/** Applies pending migrations in file-name order, each in its own transaction, recorded as the CLI does. */
export async function applyMigrations(sql: Sql, migrationsDir: string, log: (m: string) => void = () => {}) {
  const applied = new Set(
    (await sql<{ version: string }[]>`select version from supabase_migrations.schema_migrations`).map((r) => r.version),
  )
  const pending = listMigrations(migrationsDir).filter((m) => !applied.has(m.version))
  for (const m of pending) {
    const script = readFileSync(m.path, 'utf8')
    await sql.begin(async (tx) => {
      await tx.unsafe(script)
      await tx`
        insert into supabase_migrations.schema_migrations (version, name, statements)
        values (${m.version}, ${m.name}, ${splitStatements(script)})`
    })
    log(`Applied migration ${m.version}_${m.name}`)
  }
  if (pending.length) await sql`notify pgrst, 'reload schema'`
  return pending
}

/** Runs the seed files named in `[db.seed] sql_paths` (relative to the supabase dir). */
export async function applySeed(sql: Sql, config: LocalConfig, supabaseDir: string, log: (m: string) => void = () => {}) {
  if (!config.db.seed.enabled) return
  for (const rel of config.db.seed.sqlPaths) {
    const path = resolve(supabaseDir, rel)
    if (!existsSync(path)) continue
    const script = readFileSync(path, 'utf8')
    await sql.begin(async (tx) => {
      await tx.unsafe(script)
      await tx`
        insert into supabase_migrations.seed_files (path, hash)
        values (${rel}, ${createHash('sha256').update(script).digest('hex')})
        on conflict (path) do update set hash = excluded.hash`
    })
    log(`Seeded ${rel}`)
  }
}
