import type { Sql } from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, PERSONAS, type Persona, type PersonaKey, type World } from '../../helpers/world.ts'
import type { Attempt, Driver } from './drivers.ts'
import { cells, COMMANDS, MATRIX, type Cell, type Command, type Ctx, type TableCase } from './matrix.ts'

const DENIED = '42501'

function classifyRead(a: Attempt): string {
  if (a.code) return a.code === DENIED ? '✗' : `error ${a.code}: ${a.message}`
  return a.rows === 1 ? '✓' : a.rows === 0 ? '∅' : `${a.rows} rows`
}

async function rowJson(sql: Sql, table: string, id: string): Promise<string | null> {
  const [row] = await sql<{ j: string }[]>`select to_jsonb(t)::text as j from ${sql('public.' + table)} t where t.id = ${id}`
  return row?.j ?? null
}

/** Puts back the columns an allowed update changed, so fixed targets stay as the world made them. */
async function restore(sql: Sql, table: string, before: string, columns: string[]) {
  const assignments = columns.map((c) => `"${c}" = o."${c}"`).join(', ')
  await sql.unsafe(
    `update public.${table} t set ${assignments} from jsonb_populate_record(null::public.${table}, $1::text::jsonb) o where t.id = o.id`,
    [before],
  )
}

async function attempt(ctx: Ctx, driver: Driver, c: TableCase, command: Command, p: Persona): Promise<string> {
  const { sql } = ctx
  switch (command) {
    case 'select':
      return classifyRead(await driver.select(p, c.table, await c.target(ctx)))
    case 'insert': {
      const row = await c.insert(ctx, p)
      const a = await driver.insert(p, c.table, row)
      if (a.code) return a.code === DENIED ? '✗' : `error ${a.code}: ${a.message}`
      const id = typeof row.id === 'string' ? row.id : null
      if (id === null || (await rowJson(sql, c.table, id)) === null) return 'no error but no row'
      await sql`delete from ${sql('public.' + c.table)} where id = ${id}`
      return '✓'
    }
    case 'update': {
      const id = await c.target(ctx)
      const before = await rowJson(sql, c.table, id)
      const patch = c.update(p)
      const a = await driver.update(p, c.table, id, patch)
      if (a.code) return a.code === DENIED ? '✗' : `error ${a.code}: ${a.message}`
      if ((await rowJson(sql, c.table, id)) === before) return '∅'
      await restore(sql, c.table, before!, Object.keys(patch))
      return '✓'
    }
    case 'delete': {
      const id = await (c.deleteTarget ?? c.target)(ctx)
      const a = await driver.remove(p, c.table, id)
      if (a.code) return a.code === DENIED ? '✗' : `error ${a.code}: ${a.message}`
      return (await rowJson(sql, c.table, id)) === null ? '✓' : '∅'
    }
  }
}

const byPersona = (values: readonly string[]) =>
  Object.fromEntries(PERSONAS.map((key, i) => [key, values[i]])) as Record<PersonaKey, string>

/** Runs every cell of MATRIX through `driver`; one test per table case and command. */
export function describeMatrix(name: string, makeDriver: (sql: Sql) => Driver) {
  describe(name, () => {
    const sql = superuser()
    let ctx: Ctx
    let driver: Driver
    beforeAll(async () => {
      const world: World = await createWorld(sql)
      ctx = { sql, world }
      driver = makeDriver(sql)
    })
    afterAll(() => sql.end())

    for (const c of MATRIX) {
      describe(`${c.table} (${c.variant})`, () => {
        for (const command of COMMANDS) {
          it(command, async () => {
            const expected: Cell[] = cells(c.expect[command])
            expect(expected).toHaveLength(PERSONAS.length)
            const actual: string[] = []
            for (const key of PERSONAS) actual.push(await attempt(ctx, driver, c, command, ctx.world.personas[key]))
            expect(byPersona(actual)).toEqual(byPersona(expected))
          })
        }
      })
    }
  })
}
