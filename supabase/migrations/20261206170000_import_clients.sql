-- CSV import of clients (issue #16): every validated row becomes a client with her first journey
-- and its milestones in one call, so a failing row rolls back the whole file. Security invoker: the
-- caller's RLS policies and the tables' guards apply to every row exactly as when she adds one
-- client by hand, so a member of another practice or a portal client inserts nothing. The same
-- inserts as create_client_with_journey/add_journey, but one statement per table for the whole file
-- instead of a function call per row: 5,000 rows must import in well under 10 s.

create function public.import_clients(p_practice_id uuid, p_rows jsonb)
returns integer
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  v_rows jsonb;
begin
  if jsonb_typeof(p_rows) is distinct from 'array' then
    raise exception 'p_rows must be a json array' using errcode = '22023';
  end if;
  if jsonb_array_length(p_rows) > 5000 then
    raise exception 'at most 5000 rows per import' using errcode = '22023';
  end if;
  select coalesce(jsonb_agg(e || jsonb_build_object('client_id', gen_random_uuid(), 'journey_id', gen_random_uuid())), '[]')
    into v_rows from jsonb_array_elements(p_rows) as e;

  insert into public.clients (id, practice_id, first_name, last_name, preferred_name, pronouns, email, phone, lead_source)
  select x.client_id, p_practice_id, x.first_name, coalesce(x.last_name, ''), x.preferred_name, x.pronouns, x.email, x.phone, x.lead_source
  from jsonb_to_recordset(v_rows) as x(client_id uuid, first_name text, last_name text, preferred_name text, pronouns text, email text, phone text,
    lead_source text);

  insert into public.journeys (id, practice_id, client_id, due_date, status)
  select x.journey_id, p_practice_id, x.client_id, x.due_date, x.status
  from jsonb_to_recordset(v_rows) as x(client_id uuid, journey_id uuid, due_date date, status text);

  insert into public.milestones (practice_id, client_id, journey_id, title, kind, due_on, shared_with_client)
  select p_practice_id, x.client_id, x.journey_id, m.title, m.kind, m.due_on, coalesce(m.shared_with_client, false)
  from jsonb_to_recordset(v_rows) as x(client_id uuid, journey_id uuid, milestones jsonb)
  cross join lateral jsonb_to_recordset(coalesce(x.milestones, '[]')) as m(title text, kind text, due_on date, shared_with_client boolean);

  return jsonb_array_length(v_rows);
end
$$;
comment on function public.import_clients(uuid, jsonb) is
  'Creates one client and journey per row ([{first_name, last_name, preferred_name, pronouns, email, phone, lead_source, due_date, status, milestones}]) atomically.';

revoke execute on function public.import_clients(uuid, jsonb) from public, anon;
grant execute on function public.import_clients(uuid, jsonb) to authenticated, service_role;
