import { afterAll, describe, expect, it } from 'vitest'
import { superuser } from '../../helpers/stack.ts'
import { apiDriver } from './drivers.ts'
import { MATRIX } from './matrix.ts'
import { describeMatrix } from './run-matrix.ts'

// Every cell of the matrix through supabase-js against the REST API, with real access tokens.
describeMatrix('access matrix through supabase-js', () => apiDriver())

describe('access matrix coverage', () => {
  const sql = superuser()
  afterAll(() => sql.end())

  it('has a row for every table in public', async () => {
    // scratch_* tables are created and dropped by the platform suite while it runs.
    const tables = await sql<{ name: string }[]>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname not like 'scratch\\_%'
      order by 1`
    const covered = new Set(MATRIX.map((c) => c.table))
    expect(tables.map((t) => t.name).filter((t) => !covered.has(t))).toEqual([])
  })
})
