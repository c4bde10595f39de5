import postgres, { type Sql } from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalStack, type LocalStack } from '@doulaos/supabase-local'
import { LINTS } from './schema-lint.ts'

// A stack of its own: other suites create scratch tables in the shared one while they run.
let stack: LocalStack
let sql: Sql
beforeAll(async () => {
  stack = await startLocalStack({ ephemeral: true, seed: false })
  sql = postgres(stack.dbUrl, { max: 2, onnotice: () => {} })
})
afterAll(async () => {
  await sql.end()
  await stack.stop()
})

/** One deliberately bad object per lint, proving the lint can see what it is meant to catch. */
const BAD: Record<keyof typeof LINTS, string> = {
  rls_disabled: `create table public.lint_bad (id int)`,
  deny_all_table_not_allow_listed: `create table public.lint_bad (id int); alter table public.lint_bad enable row level security`,
  policy_for_role_public: `create table public.lint_bad (id int);
    create policy lint_bad_p on public.lint_bad for select using (id > 0)`,
  policy_not_to_authenticated: `create table public.lint_bad (id int);
    create policy lint_bad_p on public.lint_bad for select to anon using (id > 0)`,
  always_true_write_policy: `create table public.lint_bad (id int);
    create policy lint_bad_p on public.lint_bad for insert to authenticated with check (true)`,
  update_policy_without_with_check: `create table public.lint_bad (id int);
    create policy lint_bad_p on public.lint_bad for update to authenticated using (id > 0)`,
  policy_reads_user_metadata: `create table public.lint_bad (id int);
    create policy lint_bad_p on public.lint_bad for select to authenticated
      using (((select auth.jwt()) -> 'user_metadata' ->> 'tenant') = 'x')`,
  auth_call_not_wrapped_in_select: `create table public.lint_bad (id int, owner uuid);
    create policy lint_bad_p on public.lint_bad for select to authenticated using (owner = auth.uid())`,
  duplicate_permissive_policies: `create table public.lint_bad (id int);
    create policy lint_bad_p1 on public.lint_bad for select to authenticated using (id > 0);
    create policy lint_bad_p2 on public.lint_bad for all to authenticated using (id < 9) with check (id < 9)`,
  security_definer_without_search_path: `create function public.lint_bad_fn() returns int language sql security definer as 'select 1'`,
  security_definer_executable_by_anon: `create function public.lint_bad_fn() returns int language sql security definer
    set search_path = '' as 'select 1'; grant execute on function public.lint_bad_fn() to anon`,
  function_executable_by_public: `create function private.lint_bad_fn() returns int language sql as 'select 1';
    grant execute on function private.lint_bad_fn() to public`,
  view_without_security_invoker: `create view public.lint_bad_view as select 1 as x`,
  materialized_or_foreign_table_exposed: `create materialized view public.lint_bad_view as select 1 as x`,
  foreign_key_without_index: `create table public.lint_bad (id int, practice_id uuid references public.practices (id))`,
  table_without_practice_id_index: `create table public.lint_bad (id int primary key, practice_id uuid)`,
  anon_table_privilege: `create table public.lint_bad (id int); grant select on public.lint_bad to anon`,
  api_role_truncate_trigger_or_references: `create table public.lint_bad (id int);
    grant truncate on public.lint_bad to authenticated`,
  tenant_table_without_erasure_lock: `create table public.lint_bad (id int, practice_id uuid)`,
  person_writable_tenant_table_without_read_only_guard: `create table public.lint_bad (id int, practice_id uuid);
    create policy lint_bad_p on public.lint_bad for insert to authenticated with check (id > 0)`,
  table_without_comment: `create table public.lint_bad (id int)`,
}

async function findings(db: Sql, lint: string): Promise<string[]> {
  const rows = await db.unsafe<{ object: string }[]>(LINTS[lint]!)
  return rows.map((r) => r.object).sort()
}

describe('schema lint of the migrated database', () => {
  for (const lint of Object.keys(LINTS)) {
    it(`${lint}: no findings`, async () => {
      expect(await findings(sql, lint)).toEqual([])
    })
  }
})

describe('schema lint catches what it is meant to catch', () => {
  it('has a bad fixture for every lint', () => {
    expect(Object.keys(BAD).sort()).toEqual(Object.keys(LINTS).sort())
  })
  for (const [lint, ddl] of Object.entries(BAD)) {
    it(`${lint} flags a deliberately bad object`, async () => {
      const rollback = new Error('rollback')
      let found: string[] = []
      await sql
        .begin(async (tx) => {
          await tx.unsafe(ddl)
          found = await findings(tx as unknown as Sql, lint)
          throw rollback
        })
        .catch((e: unknown) => {
          if (e !== rollback) throw e
        })
      expect(found.some((f) => f.includes('lint_bad'))).toBe(true)
    })
  }
})
