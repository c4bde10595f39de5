-- CSV import of clients (issue #16): every validated row becomes a client with her first journey
-- in one statement, so a failing row rolls back the whole file. Security invoker: the caller's RLS
-- policies and the tables' guards apply to every row exactly as when she adds one client by hand,
-- so a member of another practice or a portal client inserts nothing. Each row goes through
-- create_client_with_journey, the same function the client form uses.

create function public.import_clients(p_practice_id uuid, p_rows jsonb)
returns integer
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  r record;
  imported integer := 0;
begin
  if jsonb_typeof(p_rows) is distinct from 'array' then
    raise exception 'p_rows must be a json array' using errcode = '22023';
  end if;
  if jsonb_array_length(p_rows) > 5000 then
    raise exception 'at most 5000 rows per import' using errcode = '22023';
  end if;
  for r in
    select * from jsonb_to_recordset(p_rows) as x(
      first_name text, last_name text, preferred_name text, pronouns text, email text, phone text,
      due_date date, status text, milestones jsonb)
  loop
    perform public.create_client_with_journey(
      p_practice_id, r.first_name, r.status, coalesce(r.last_name, ''), r.preferred_name, r.pronouns,
      r.email, r.phone, r.due_date, null, null, coalesce(r.milestones, '[]'));
    imported := imported + 1;
  end loop;
  return imported;
end
$$;
comment on function public.import_clients(uuid, jsonb) is
  'Creates one client and journey per row ([{first_name, last_name, preferred_name, pronouns, email, phone, due_date, status, milestones}]) atomically.';

revoke execute on function public.import_clients(uuid, jsonb) from public, anon;
grant execute on function public.import_clients(uuid, jsonb) to authenticated, service_role;
