-- What the practice export reads, from the catalog so a new tenant table is exported without a
-- code change, and the stored files under the practice's prefix, page by page.

create function public.export_tables()
returns table (table_name text, columns text[])
language sql stable security definer set search_path = ''
as $$
  select c.relname::text,
         array(select a.attname::text from pg_attribute a
               where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum)
  from pg_class c
  join pg_namespace s on s.oid = c.relnamespace
  where s.nspname = 'public' and c.relkind in ('r', 'p')
    and (c.relname = 'practices'
         or exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'practice_id' and not a.attisdropped))
    and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'id' and not a.attisdropped)
  order by c.relname <> 'practices', 1
$$;
comment on function public.export_tables() is
  'Service role: the practice table first, then the tenant tables (practice_id and id columns) an export walks, with their columns in order.';
revoke execute on function public.export_tables() from public, anon, authenticated;
grant execute on function public.export_tables() to service_role;

create function public.export_object_page(target_practice uuid, after_name text, max_names integer)
returns table (name text, size bigint)
language sql stable security definer set search_path = ''
as $$
  select o.name, coalesce((o.metadata ->> 'size')::bigint, 0)
  from storage.objects o
  where o.bucket_id = 'client-files' and starts_with(o.name, target_practice::text || '/')
    and o.name > coalesce(after_name, '')
  order by o.name
  limit least(greatest(max_names, 1), 1000)
$$;
comment on function public.export_object_page(uuid, text, integer) is
  'Service role: the next page of stored files under a practice''s prefix, by name after a cursor.';
revoke execute on function public.export_object_page(uuid, text, integer) from public, anon, authenticated;
grant execute on function public.export_object_page(uuid, text, integer) to service_role;
