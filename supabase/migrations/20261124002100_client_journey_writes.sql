-- Multi-row writes of the client pages, each one statement so that a client never exists without
-- her journey and a journey never exists without its milestone timeline. Security invoker: the
-- caller's RLS policies and the tables' guards apply to every row, exactly as for single inserts.

-- One client record per email within a practice (emails are stored lower-cased by a check).
create unique index clients_practice_email_key on public.clients (practice_id, email) where email is not null;

create function public.add_journey(
  p_practice_id uuid,
  p_client_id uuid,
  p_status text,
  p_due_date date default null,
  p_primary_doula_id uuid default null,
  p_backup_doula_id uuid default null,
  p_milestones jsonb default '[]'
)
returns uuid
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  new_id uuid;
begin
  insert into public.journeys (practice_id, client_id, due_date, status, primary_doula_id, backup_doula_id)
  values (p_practice_id, p_client_id, p_due_date, p_status, p_primary_doula_id, p_backup_doula_id)
  returning id into new_id;

  insert into public.milestones (practice_id, client_id, journey_id, title, kind, due_on, shared_with_client)
  select p_practice_id, p_client_id, new_id, m.title, m.kind, m.due_on, coalesce(m.shared_with_client, false)
  from jsonb_to_recordset(coalesce(p_milestones, '[]')) as m(title text, kind text, due_on date, shared_with_client boolean);
  return new_id;
end
$$;
comment on function public.add_journey(uuid, uuid, text, date, uuid, uuid, jsonb) is
  'Starts a journey for an existing client together with its milestones ([{title, kind, due_on, shared_with_client}]).';

create function public.create_client_with_journey(
  p_practice_id uuid,
  p_first_name text,
  p_status text,
  p_last_name text default '',
  p_preferred_name text default null,
  p_pronouns text default null,
  p_email text default null,
  p_phone text default null,
  p_due_date date default null,
  p_primary_doula_id uuid default null,
  p_backup_doula_id uuid default null,
  p_milestones jsonb default '[]'
)
returns table (client_id uuid, journey_id uuid)
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  new_client uuid;
begin
  insert into public.clients (practice_id, first_name, last_name, preferred_name, pronouns, email, phone)
  values (p_practice_id, p_first_name, coalesce(p_last_name, ''), p_preferred_name, p_pronouns, p_email, p_phone)
  returning id into new_client;
  return query select new_client,
    public.add_journey(p_practice_id, new_client, p_status, p_due_date, p_primary_doula_id, p_backup_doula_id, p_milestones);
end
$$;
comment on function public.create_client_with_journey(uuid, text, text, text, text, text, text, text, date, uuid, uuid, jsonb) is
  'Creates a client and her first journey (with milestones) atomically.';

revoke execute on function public.add_journey(uuid, uuid, text, date, uuid, uuid, jsonb),
  public.create_client_with_journey(uuid, text, text, text, text, text, text, text, date, uuid, uuid, jsonb) from public, anon;
grant execute on function public.add_journey(uuid, uuid, text, date, uuid, uuid, jsonb),
  public.create_client_with_journey(uuid, text, text, text, text, text, text, text, date, uuid, uuid, jsonb)
  to authenticated, service_role;
