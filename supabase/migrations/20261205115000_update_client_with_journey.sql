-- Saving the client form writes two rows, the client and her current journey: one statement, so a
-- save never half-succeeds (a refused journey leaves the client as it was). Security invoker: the
-- caller's RLS policies and the tables' guards and audit triggers apply exactly as for two updates.
create function public.update_client_with_journey(
  p_practice_id uuid,
  p_client_id uuid,
  p_client jsonb,
  p_journey_id uuid default null,
  p_journey jsonb default null
)
returns void
language plpgsql volatile security invoker set search_path = ''
as $$
begin
  update public.clients
  set first_name = p_client->>'first_name',
      last_name = coalesce(p_client->>'last_name', ''),
      preferred_name = p_client->>'preferred_name',
      pronouns = p_client->>'pronouns',
      email = p_client->>'email',
      phone = p_client->>'phone'
  where practice_id = p_practice_id and id = p_client_id;
  if not found then
    raise exception 'client not found' using errcode = 'P0002';
  end if;

  if p_journey_id is not null then
    update public.journeys
    set due_date = (p_journey->>'due_date')::date,
        status = p_journey->>'status',
        primary_doula_id = (p_journey->>'primary_doula_id')::uuid,
        backup_doula_id = (p_journey->>'backup_doula_id')::uuid
    where practice_id = p_practice_id and client_id = p_client_id and id = p_journey_id;
    if not found then
      raise exception 'journey not found' using errcode = 'P0002';
    end if;
  end if;
end
$$;
comment on function public.update_client_with_journey(uuid, uuid, jsonb, uuid, jsonb) is
  'Saves a client''s details ({first_name, last_name, preferred_name, pronouns, email, phone}) and, when p_journey_id is given, that journey''s {due_date, status, primary_doula_id, backup_doula_id}, atomically. Raises P0002 when either row is not the caller''s to change.';

revoke execute on function public.update_client_with_journey(uuid, uuid, jsonb, uuid, jsonb) from public, anon;
grant execute on function public.update_client_with_journey(uuid, uuid, jsonb, uuid, jsonb) to authenticated, service_role;
