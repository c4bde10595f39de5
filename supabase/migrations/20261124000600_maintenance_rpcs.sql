-- Maintenance entry points for the app's crons, which call them with the admin (service-role)
-- client. Nobody else may execute them.

-- Retention: audit rows are kept for six years, then purged through the one sanctioned path.
create function public.purge_expired_audit_log()
returns bigint
language sql volatile set search_path = ''
as $$
  select private.purge_audit_log(interval '6 years')
$$;
comment on function public.purge_expired_audit_log() is 'Retention cron: removes audit rows older than six years; service role only.';
revoke execute on function public.purge_expired_audit_log() from public, anon, authenticated;
grant execute on function public.purge_expired_audit_log() to service_role;

-- S20: every object in client-files has exactly one documents row and every documents row has its
-- object. Returns one row per mismatch; an empty result means storage and database agree.
create function public.client_files_mismatches()
returns table (problem text, storage_path text)
language sql stable set search_path = ''
as $$
  select 'object without document', o.name
  from storage.objects o
  where o.bucket_id = 'client-files'
    and not exists (select 1 from public.documents d where d.storage_path = o.name)
  union all
  select 'document without object', d.storage_path
  from public.documents d
  where not exists (select 1 from storage.objects o where o.bucket_id = 'client-files' and o.name = d.storage_path)
$$;
comment on function public.client_files_mismatches() is 'Reconciliation of the client-files bucket with documents; service role only.';
revoke execute on function public.client_files_mismatches() from public, anon, authenticated;
grant execute on function public.client_files_mismatches() to service_role;
