-- The client list pages with one look-ahead row (the app asks for 51 to learn whether a next page
-- exists), but list_clients capped every call at 50 rows, so "next page" never appeared and an
-- export stopped after 50 clients. Same function, capped at 51 (a page plus its look-ahead).

create or replace function public.list_clients(
  p_practice_id uuid,
  p_search text default null,
  p_status text default null,
  p_doula_id uuid default null,
  p_due_month date default null,
  p_archived boolean default false,
  p_sort text default 'name',
  p_after_key text default null,
  p_after_id uuid default null,
  p_limit integer default 50
)
returns table (
  id uuid,
  first_name text,
  last_name text,
  preferred_name text,
  email text,
  phone text,
  archived_at timestamptz,
  journey_id uuid,
  due_date date,
  status text,
  primary_doula_id uuid,
  backup_doula_id uuid,
  sort_key text
)
language sql stable security invoker set search_path = ''
as $$
  with rows as (
    select c.id, c.first_name, c.last_name, c.preferred_name, c.email, c.phone, c.archived_at,
           j.id as journey_id, j.due_date, j.status, j.primary_doula_id, j.backup_doula_id,
           case when p_sort = 'due_date'
                then coalesce(to_char(j.due_date, 'YYYY-MM-DD'), '9999-12-31')
                else lower(c.last_name || ' ' || c.first_name)
           end collate "C" as sort_key
    from public.clients c
    left join lateral (
      select j.id, j.due_date, j.status, j.primary_doula_id, j.backup_doula_id
      from public.journeys j
      where j.practice_id = c.practice_id and j.client_id = c.id
      order by j.created_at desc, j.id desc
      limit 1
    ) j on true
    where c.practice_id = p_practice_id
      and (c.archived_at is not null) = coalesce(p_archived, false)
      and (p_search is null or p_search = ''
           or (c.first_name || ' ' || c.last_name || ' ' || coalesce(c.preferred_name, '') || ' ' || coalesce(c.email, ''))
              ilike '%' || replace(replace(replace(p_search, '\', '\\'), '%', '\%'), '_', '\_') || '%')
  )
  select r.id, r.first_name, r.last_name, r.preferred_name, r.email, r.phone, r.archived_at,
         r.journey_id, r.due_date, r.status, r.primary_doula_id, r.backup_doula_id, r.sort_key::text
  from rows r
  where (p_status is null or r.status = p_status)
    and (p_doula_id is null or r.primary_doula_id = p_doula_id or r.backup_doula_id = p_doula_id)
    and (p_due_month is null or date_trunc('month', r.due_date) = date_trunc('month', p_due_month))
    and (p_after_key is null or (r.sort_key, r.id) > (p_after_key collate "C", p_after_id))
  order by r.sort_key, r.id
  limit least(greatest(coalesce(p_limit, 50), 1), 51)
$$;
comment on function public.list_clients(uuid, text, text, uuid, date, boolean, text, text, uuid, integer) is
  'Dashboard client list with each client''s latest journey; RLS applies (security invoker); at most 50 rows per page plus one look-ahead row.';
revoke execute on function public.list_clients(uuid, text, text, uuid, date, boolean, text, text, uuid, integer) from public, anon;
grant execute on function public.list_clients(uuid, text, text, uuid, date, boolean, text, text, uuid, integer) to authenticated, service_role;
