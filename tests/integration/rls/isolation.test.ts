import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientAs } from '../../helpers/personas.ts'
import * as rows from '../../helpers/rows.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, PERSONAS, type World } from '../../helpers/world.ts'

// S7/S8 as a sweep: with rows in every table for both practices, everything a persona can read
// through supabase-js belongs to a practice she is a member of, or to her own client record.
const sql = superuser()
afterAll(() => sql.end())

let world: World
let tables: string[]
beforeAll(async () => {
  world = await createWorld(sql)
  for (const c of [world.a1, world.a2, world.a3]) await rows.fillEverything(sql, c, world.personas.doulaA.user!.id)
  await rows.fillEverything(sql, world.b1, world.b.owner.id)
  const found = await sql<{ table: string }[]>`
    select c.table_name as table from information_schema.columns c
    where c.table_schema = 'public' and c.column_name = 'practice_id' order by 1`
  tables = found.map((r) => r.table)
})

describe('tenant isolation sweep', () => {
  for (const key of PERSONAS.filter((k) => k !== 'anon')) {
    it(`${key} reads nothing outside her practices and her own client record`, async () => {
      const me = world.personas[key].user!
      const memberOf = (await sql<{ practice_id: string }[]>`
        select practice_id from public.practice_members where user_id = ${me.id}`).map((r) => r.practice_id)
      const myClientIds = (await sql<{ id: string }[]>`select id from public.clients where portal_user_id = ${me.id}`).map((r) => r.id)
      const api = await clientAs(me)
      const strays: string[] = []
      let seen = 0
      for (const table of tables) {
        const { data, error } = await api.from(table).select('*')
        if (error) {
          expect(error.code).toBe('42501')
          continue
        }
        seen += data.length
        for (const row of data as Record<string, unknown>[]) {
          const own = memberOf.includes(String(row.practice_id))
            || myClientIds.includes(String(table === 'clients' ? row.id : row.client_id))
          if (!own) strays.push(`${table} ${String(row.id)}`)
        }
      }
      expect(strays).toEqual([])
      expect(seen).toBeGreaterThan(0)
    })
  }

  it('shows a client none of the private notes of her own journey', async () => {
    const { data, error } = await (await clientAs(world.personas.clientA1.user!)).from('notes').select('id')
    expect(error).toBeNull()
    expect(data).toEqual([])
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from public.notes where client_id = ${world.a1.id}`
    expect(row!.n).toBeGreaterThan(0)
  })
})
