-- "Ask the practice to delete my data": a portal client's request, shown on her client page and
-- emailed (through the outbox, in the same transaction) to the practice's owners and admins.
-- The practice decides and erases; this only records and notifies.

create table public.client_deletion_requests (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  client_id uuid not null,
  requested_by uuid references auth.users (id) on delete set null,
  requested_at timestamptz not null default now(),
  resolved_at timestamptz,
  foreign key (practice_id, client_id) references public.clients (practice_id, id) on delete cascade
);
comment on table public.client_deletion_requests is 'A portal client asked her practice to delete her data; open until resolved_at is set.';
comment on column public.client_deletion_requests.resolved_at is 'When a member closed the request (after erasing or answering her).';
create unique index client_deletion_requests_open_key on public.client_deletion_requests (practice_id, client_id) where resolved_at is null;
create index client_deletion_requests_practice_client_idx on public.client_deletion_requests (practice_id, client_id);
create index client_deletion_requests_requested_by_idx on public.client_deletion_requests (requested_by);

alter table public.client_deletion_requests enable row level security;
grant select on public.client_deletion_requests to authenticated;
grant update (resolved_at) on public.client_deletion_requests to authenticated;
grant select, insert, update, delete on public.client_deletion_requests to service_role;

create policy "client_deletion_requests: members read their practice's, a client her own" on public.client_deletion_requests
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user()))
         or client_id = any(array(select private.client_ids_for_user())));
create policy "client_deletion_requests: owners and admins resolve" on public.client_deletion_requests
  for update to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))))
  with check (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));

-- Idempotent: asking again while a request is open returns the open one and sends no new email.
create function public.request_client_data_deletion(client_id uuid)
returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  target public.clients;
  request_id uuid;
begin
  select * into target from public.clients c where c.id = request_client_data_deletion.client_id and c.portal_user_id = uid;
  if not found then
    raise exception 'Not your client record' using errcode = '42501';
  end if;
  select r.id into request_id from public.client_deletion_requests r
  where r.practice_id = target.practice_id and r.client_id = target.id and r.resolved_at is null;
  if request_id is not null then
    return request_id;
  end if;
  insert into public.client_deletion_requests (practice_id, client_id, requested_by)
  values (target.practice_id, target.id, uid)
  returning id into request_id;
  insert into public.notifications (practice_id, recipient, template, payload, idempotency_key)
  select target.practice_id, lower(u.email), 'deletion-request',
         jsonb_build_object('path', '/dashboard/clients/' || target.id::text),
         'deletion-request:' || request_id::text || ':' || lower(u.email)
  from public.practice_members m join auth.users u on u.id = m.user_id
  where m.practice_id = target.practice_id and m.role in ('owner', 'admin') and u.email is not null and u.deleted_at is null;
  insert into public.audit_log (practice_id, actor_id, actor_role, action, entity, entity_id)
  values (target.practice_id, uid, 'client', 'deletion.request', 'clients', target.id);
  return request_id;
end
$$;
comment on function public.request_client_data_deletion(uuid) is
  'A portal client asks her practice to delete her data: records the request, emails owners and admins via the outbox, audits it.';
revoke execute on function public.request_client_data_deletion(uuid) from public, anon;
grant execute on function public.request_client_data_deletion(uuid) to authenticated;
