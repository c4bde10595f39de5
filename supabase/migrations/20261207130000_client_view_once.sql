-- A client record's view goes on the trail once per person, client and 10 minutes, in one call.
--
-- The app used to read the trail for a recent view and then insert one: two round trips, and two
-- renders at the same moment (a reload racing a prefetch) could both find none and both record.
-- record_client_view() does both in one transaction under an advisory lock on (practice, person,
-- client): a second call waits for the first to commit, then finds its row.

create function public.record_client_view(
  practice_id uuid,
  actor_id uuid,
  client_id uuid,
  ip inet default null,
  user_agent text default null,
  seen_at timestamptz default now()
)
returns boolean
language plpgsql volatile security definer set search_path = ''
as $$
begin
  perform pg_advisory_xact_lock(hashtextextended(
    'client.view:' || record_client_view.practice_id::text || ':' || record_client_view.actor_id::text || ':' || record_client_view.client_id::text, 0));
  if exists (select 1 from public.audit_log a
             where a.practice_id = record_client_view.practice_id
               and a.occurred_at >= record_client_view.seen_at - interval '10 minutes'
               and a.action = 'client.view'
               and a.actor_id = record_client_view.actor_id
               and a.entity_id = record_client_view.client_id) then
    return false;
  end if;
  perform public.record_audit_event(record_client_view.practice_id, record_client_view.actor_id, 'client.view', 'clients',
                                    record_client_view.client_id, 'success', record_client_view.ip, record_client_view.user_agent);
  return true;
end
$$;
comment on function public.record_client_view(uuid, uuid, uuid, inet, text, timestamptz) is
  'Service role: records that a member opened a client''s record, unless the same person already did within the 10 minutes before seen_at; true when recorded. Concurrent calls for the same person and client are serialised, so they record once. Refuses actors outside the practice (42501, from record_audit_event).';
revoke execute on function public.record_client_view(uuid, uuid, uuid, inet, text, timestamptz) from public, anon, authenticated;
grant execute on function public.record_client_view(uuid, uuid, uuid, inet, text, timestamptz) to service_role;
