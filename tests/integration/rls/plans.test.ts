import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asRole } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'
import { MATRIX } from './matrix.ts'

// CONVENTIONS rules 25–27 and S6: policy helpers run once per statement (InitPlan), never per row
// (SubPlan), and a query filtered by practice_id can use an index under RLS.
const sql = superuser()
afterAll(() => sql.end())

let world: World
beforeAll(async () => {
  world = await createWorld(sql)
})

const tenantTables = [...new Set(MATRIX.map((c) => c.table))].filter((t) => !['profiles', 'practices', 'notifications'].includes(t))

async function planAs(key: keyof World['personas'], query: string, params: string[]) {
  return asRole(sql, world.personas[key].user, async (tx) => {
    await tx`set local enable_seqscan = off`
    const [row] = await tx.unsafe<{ 'QUERY PLAN': unknown }[]>(`explain (format json) ${query}`, params)
    return JSON.stringify(row!['QUERY PLAN'])
  })
}

describe('query plans under RLS', () => {
  for (const table of tenantTables) {
    it(`${table}: helpers are InitPlans and the practice_id filter uses an index`, async () => {
      for (const key of ['doulaA', 'clientA1'] as const) {
        const plan = await planAs(key, `select * from public.${table} where practice_id = $1`, [world.a.id])
        expect(plan).toContain('"Parent Relationship":"InitPlan"')
        expect(plan).not.toContain('"Parent Relationship":"SubPlan"')
        expect(plan).toMatch(/"Node Type":"(Index Scan|Index Only Scan|Bitmap Index Scan)"/)
      }
    })
  }
})
