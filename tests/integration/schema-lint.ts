/**
 * The project's own database lints (restating the splinter checks that matter, S1–S11), as catalog
 * queries over the exposed schema `public` (and the client-files policies on storage.objects).
 * Each returns one row per finding, naming the offending object.
 */
export const LINTS: Record<string, string> = {
  rls_disabled: `
    select c.relname as object from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`,

  deny_all_table_not_allow_listed: `
    select c.relname as object from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relrowsecurity
      and not exists (select 1 from pg_policy p where p.polrelid = c.oid)
      and c.relname <> all (array['notifications'])`,

  policy_for_role_public: `
    select schemaname || '.' || tablename || ': ' || policyname as object from pg_policies
    where schemaname in ('public', 'storage') and 'public' = any(roles)`,

  policy_not_to_authenticated: `
    select schemaname || '.' || tablename || ': ' || policyname as object from pg_policies
    where schemaname in ('public', 'storage') and roles <> '{authenticated}'`,

  always_true_write_policy: `
    select schemaname || '.' || tablename || ': ' || policyname as object from pg_policies
    where schemaname in ('public', 'storage') and cmd in ('INSERT', 'UPDATE', 'DELETE', 'ALL')
      and (btrim(coalesce(qual, ''), '() ') ilike 'true' or btrim(coalesce(with_check, ''), '() ') ilike 'true')`,

  update_policy_without_with_check: `
    select schemaname || '.' || tablename || ': ' || policyname as object from pg_policies
    where schemaname in ('public', 'storage') and cmd in ('UPDATE', 'ALL') and (qual is null or with_check is null)`,

  policy_reads_user_metadata: `
    select schemaname || '.' || tablename || ': ' || policyname as object from pg_policies
    where schemaname in ('public', 'storage')
      and (coalesce(qual, '') || coalesce(with_check, '')) ~* '(raw_)?user_meta_?data'`,

  auth_call_not_wrapped_in_select: `
    select schemaname || '.' || tablename || ': ' || policyname as object from pg_policies
    where schemaname in ('public', 'storage')
      and regexp_replace(coalesce(qual, '') || ' ' || coalesce(with_check, ''),
                         '\\(\\s*select\\s+(\\(?\\s*(auth\\.\\w+|current_setting)\\s*\\()', '', 'gi')
          ~* '(auth\\.\\w+|current_setting)\\s*\\('`,

  duplicate_permissive_policies: `
    select format('%s.%s %s for %s: %s', schemaname, tablename, c.cmd, r.role, string_agg(policyname, ', ')) as object
    from pg_policies p
    cross join lateral unnest(case when p.cmd = 'ALL' then array['SELECT', 'INSERT', 'UPDATE', 'DELETE'] else array[p.cmd] end) as c(cmd)
    cross join lateral unnest(p.roles) as r(role)
    where schemaname in ('public', 'storage') and permissive = 'PERMISSIVE'
    group by schemaname, tablename, c.cmd, r.role
    having count(*) > 1`,

  security_definer_without_search_path: `
    select n.nspname || '.' || p.proname as object from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'private') and p.prosecdef
      and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) cfg where cfg like 'search_path=%')`,

  security_definer_executable_by_anon: `
    select n.nspname || '.' || p.proname as object from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'private') and p.prosecdef and has_function_privilege('anon', p.oid, 'execute')`,

  function_executable_by_public: `
    select n.nspname || '.' || p.proname as object from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'private')
      and exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                  where a.grantee = 0 and a.privilege_type = 'EXECUTE')`,

  view_without_security_invoker: `
    select c.relname as object from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'v'
      and not coalesce(c.reloptions, '{}') && array['security_invoker=true', 'security_invoker=on']`,

  materialized_or_foreign_table_exposed: `
    select c.relname as object from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('m', 'f')`,

  foreign_key_without_index: `
    select format('%s (%s)', con.conrelid::regclass, con.conname) as object
    from pg_constraint con join pg_namespace n on n.oid = con.connamespace
    where n.nspname = 'public' and con.contype = 'f'
      and not exists (
        select 1 from pg_index i
        where i.indrelid = con.conrelid
          and (select array_agg(k order by k) from unnest((i.indkey::int2[])[0:cardinality(con.conkey) - 1]) k)
            = (select array_agg(k order by k) from unnest(con.conkey) k))`,

  table_without_practice_id_index: `
    select c.relname as object from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> all (array['practices', 'profiles'])
      and not exists (
        select 1 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
        where i.indrelid = c.oid and a.attname = 'practice_id')`,

  anon_table_privilege: `
    select c.relname as object from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
      and has_table_privilege('anon', c.oid, 'select, insert, update, delete, truncate, references, trigger')`,

  api_role_truncate_trigger_or_references: `
    select c.relname || ' (' || r.role || ')' as object
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    cross join unnest(array['authenticated', 'service_role']) as r(role)
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and has_table_privilege(r.role, c.oid, 'truncate, trigger, references')`,

  // An erasure locks its practice (or client) first: every tenant table refuses writes while it runs.
  // Exempt: the trail and the outbox (the erasure writes its refusals and receipt there) and the
  // billing mirror, which only verified Stripe events write and which the erasure's first step, ending
  // the subscription, updates itself.
  tenant_table_without_erasure_lock: `
    select c.relname || ' (' || op || ')' as object
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    cross join unnest(array['insert', 'update']) as op
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and c.relname <> all (array['audit_log', 'notifications', 'billing_customers', 'billing_subscriptions'])
      and (c.relname = 'practices'
           or exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'practice_id' and not a.attisdropped))
      and not exists (
        select 1 from pg_trigger t join pg_proc p on p.oid = t.tgfoid
        where t.tgrelid = c.oid and p.proname = 'refuse_writes_while_erasing'
          and t.tgtype & (case op when 'insert' then 4 else 16 end) <> 0)`,

  // A practice whose subscription ended is read-only for people: every tenant table a policy lets a
  // person insert into or update refuses it then (billing's refuse_writes_when_read_only). Exempt:
  // deletion requests, which a read-only practice still answers (reading, exporting and deleting stay open).
  person_writable_tenant_table_without_read_only_guard: `
    select c.relname || ' (' || op || ')' as object
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    cross join unnest(array['insert', 'update']) as op
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and c.relname <> 'client_deletion_requests'
      and (c.relname = 'practices'
           or exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'practice_id' and not a.attisdropped))
      and exists (
        select 1 from pg_policies pol
        where pol.schemaname = 'public' and pol.tablename = c.relname
          and pol.cmd in (upper(op), 'ALL')
          and pol.roles && array['authenticated', 'public']::name[])
      and not exists (
        select 1 from pg_trigger t join pg_proc p on p.oid = t.tgfoid
        where t.tgrelid = c.oid and p.proname = 'refuse_writes_when_read_only'
          and t.tgtype & (case op when 'insert' then 4 else 16 end) <> 0)`,

  table_without_comment: `
    select c.relname as object from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and obj_description(c.oid, 'pg_class') is null`,
}
