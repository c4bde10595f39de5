import type { SupabaseClient } from '@supabase/supabase-js'
import type { Sql } from 'postgres'
import { anonApiClient, asRole, clientAs } from '../../helpers/personas.ts'
import type { Persona } from '../../helpers/world.ts'

/** What one attempt returned: an error code, or how many rows came back. */
export interface Attempt {
  code?: string
  message?: string
  rows?: number
}

/** One way of acting as a persona against a table: through the API, or in SQL as the role. */
export interface Driver {
  select(p: Persona, table: string, id: string): Promise<Attempt>
  insert(p: Persona, table: string, row: Record<string, unknown>): Promise<Attempt>
  update(p: Persona, table: string, id: string, patch: Record<string, unknown>): Promise<Attempt>
  remove(p: Persona, table: string, id: string): Promise<Attempt>
}

/** supabase-js against the stand-in's REST API with the persona's access token (or the anon key). */
export function apiDriver(): Driver {
  const clients = new Map<string, Promise<SupabaseClient>>()
  const client = (p: Persona) => {
    let c = clients.get(p.key)
    if (!c) {
      c = p.user ? clientAs(p.user) : Promise.resolve(anonApiClient())
      clients.set(p.key, c)
    }
    return c
  }
  const outcome = (res: { error: { code: string; message: string } | null; data: unknown }): Attempt =>
    res.error ? { code: res.error.code, message: res.error.message } : { rows: Array.isArray(res.data) ? res.data.length : 0 }
  return {
    async select(p, table, id) {
      return outcome(await (await client(p)).from(table).select('id').eq('id', id))
    },
    async insert(p, table, row) {
      return outcome(await (await client(p)).from(table).insert(row))
    },
    async update(p, table, id, patch) {
      return outcome(await (await client(p)).from(table).update(patch).eq('id', id))
    },
    async remove(p, table, id) {
      return outcome(await (await client(p)).from(table).delete().eq('id', id))
    },
  }
}

/**
 * Plain SQL inside a committed transaction as `authenticated`/`anon` with request.jwt.claims set:
 * what PostgREST does, minus HTTP. Proves the policies independently of the API layer.
 */
export function sqlDriver(sql: Sql): Driver {
  const run = async (p: Persona, statement: (tx: Sql) => Promise<{ count: number }>): Promise<Attempt> => {
    try {
      const result = await asRole(sql, p.user, (tx) => statement(tx as unknown as Sql), { commit: true })
      return { rows: result.count }
    } catch (e) {
      const err = e as { code?: string; message?: string }
      if (!err.code) throw e
      return { code: err.code, message: err.message }
    }
  }
  const table = (tx: Sql, name: string) => tx('public.' + name)
  return {
    select: (p, name, id) => run(p, (tx) => tx`select id from ${table(tx, name)} where id = ${id}`),
    insert: (p, name, row) => run(p, (tx) => tx`insert into ${table(tx, name)} ${tx(jsonReady(tx, row))}`),
    update: (p, name, id, patch) => run(p, (tx) => tx`update ${table(tx, name)} set ${tx(jsonReady(tx, patch))} where id = ${id}`),
    remove: (p, name, id) => run(p, (tx) => tx`delete from ${table(tx, name)} where id = ${id}`),
  }
}

/** postgres.js needs objects and arrays wrapped to be sent as json. */
function jsonReady(tx: Sql, row: Record<string, unknown>) {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(row)) out[k] = v !== null && typeof v === 'object' ? tx.json(v as never) : v
  return out as Record<string, string>
}
