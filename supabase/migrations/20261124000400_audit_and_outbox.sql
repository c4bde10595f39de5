-- The audit log (append-only, no health data) and the email outbox.

-- ---------------------------------------------------------------------------------------------
-- audit_log
-- ---------------------------------------------------------------------------------------------

create table public.audit_log (
  id bigint generated always as identity primary key,
  practice_id uuid references public.practices (id) on delete cascade,
  actor_id uuid,
  actor_role text not null check (actor_role in ('owner', 'admin', 'doula', 'client', 'service_role', 'system')),
  action text not null check (action ~ '^[a-z][a-z0-9_.]{0,63}$'),
  entity text not null check (entity ~ '^[a-z][a-z0-9_]{0,63}$'),
  entity_id uuid,
  occurred_at timestamptz not null default now(),
  ip inet,
  user_agent text check (length(user_agent) <= 512),
  request_id text check (length(request_id) <= 128),
  outcome text not null default 'success' check (outcome in ('success', 'denied', 'error'))
);
comment on table public.audit_log is
  'Append-only record of who did what to which record. Ids and labels only: never names, notes or any health data.';
comment on column public.audit_log.actor_id is 'The auth user who acted (no FK: the trail outlives the login); null for system jobs.';
comment on column public.audit_log.actor_role is 'The actor''s role in the practice at the time, or client / service_role / system.';
comment on column public.audit_log.action is 'insert, update, delete for row changes; dotted verbs (document.download, export.create) for app events.';
comment on column public.audit_log.entity is 'The table or resource type acted on.';
comment on column public.audit_log.entity_id is 'The id of the row acted on.';
comment on column public.audit_log.request_id is 'The API request id, to correlate with server logs.';
comment on column public.audit_log.outcome is 'success, or denied / error for refused or failed attempts the app records.';
create index audit_log_practice_occurred_at_idx on public.audit_log (practice_id, occurred_at desc);
create index audit_log_occurred_at_idx on public.audit_log (occurred_at);

-- Nobody updates, deletes or truncates audit rows: not the API roles (no grants), not the table
-- owner (these triggers). Two deletions are legitimate: the retention purge, which sets a
-- transaction-local flag, and the erasure of a practice, whose rows go with the practice row.
create function private.audit_log_is_append_only()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  raise exception 'audit_log is append-only' using errcode = '42501';
end
$$;

create function private.audit_log_guard_delete()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if coalesce(current_setting('doulaos.audit_purge', true), '') = 'on' then
    return null;
  end if;
  if exists (
    select 1 from removed_rows r
    where r.practice_id is null or exists (select 1 from public.practices p where p.id = r.practice_id)
  ) then
    raise exception 'audit_log is append-only' using errcode = '42501';
  end if;
  return null;
end
$$;

create trigger audit_log_no_update before update on public.audit_log
  for each statement execute function private.audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function private.audit_log_is_append_only();
create trigger audit_log_guard_delete after delete on public.audit_log
  referencing old table as removed_rows
  for each statement execute function private.audit_log_guard_delete();

create function private.purge_audit_log(older_than interval)
returns bigint
language plpgsql volatile security definer set search_path = ''
as $$
declare
  removed bigint;
begin
  if older_than is null or older_than < interval '6 years' then
    raise exception 'Audit rows are kept for at least 6 years' using errcode = '22023';
  end if;
  perform set_config('doulaos.audit_purge', 'on', true);
  delete from public.audit_log where occurred_at < now() - older_than;
  get diagnostics removed = row_count;
  perform set_config('doulaos.audit_purge', 'off', true);
  return removed;
end
$$;
comment on function private.purge_audit_log(interval) is 'Retention: removes audit rows older than the interval (at least 6 years).';
grant execute on function private.purge_audit_log(interval) to service_role;

-- The request context PostgREST puts in request.headers; absent or malformed values give nulls
-- rather than failing the write being audited.
create function private.request_header(name text)
returns text
language plpgsql stable set search_path = ''
as $$
begin
  return nullif(current_setting('request.headers', true), '')::jsonb ->> name;
exception when others then
  return null;
end
$$;

create function private.request_ip()
returns inet
language plpgsql stable set search_path = ''
as $$
begin
  return btrim(split_part(coalesce(private.request_header('x-forwarded-for'), private.request_header('x-real-ip')), ',', 1))::inet;
exception when others then
  return null;
end
$$;

-- Statement-level, reading the transition table, so a bulk write costs one insert here. Records
-- the entity, id and action only. Rows whose practice no longer exists (the practice is being
-- deleted) are not recorded: their trail is erased with the practice.
create function private.audit_row_changes()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  api_role text := (select auth.role());
begin
  insert into public.audit_log (practice_id, actor_id, actor_role, action, entity, entity_id, ip, user_agent, request_id)
  select r.practice_id,
         uid,
         coalesce(m.role, case when api_role = 'authenticated' then 'client'
                               when api_role = 'service_role' then 'service_role'
                               else 'system' end),
         lower(tg_op),
         tg_table_name,
         r.id,
         private.request_ip(),
         left(private.request_header('user-agent'), 512),
         left(coalesce(private.request_header('x-request-id'), private.request_header('sb-request-id')), 128)
  from (
    select (to_jsonb(c) ->> 'practice_id')::uuid as practice_id, (to_jsonb(c) ->> 'id')::uuid as id
    from changed_rows c
  ) r
  join public.practices p on p.id = r.practice_id
  left join public.practice_members m on m.practice_id = r.practice_id and m.user_id = uid;
  return null;
end
$$;

do $$
declare
  t text;
begin
  foreach t in array array['practice_members', 'practice_invitations', 'clients', 'journeys', 'milestones',
                           'appointments', 'notes', 'messages', 'documents', 'form_templates', 'form_requests'] loop
    execute format('create trigger %I after insert on public.%I referencing new table as changed_rows
                    for each statement execute function private.audit_row_changes()', t || '_audit_insert', t);
    execute format('create trigger %I after update on public.%I referencing new table as changed_rows
                    for each statement execute function private.audit_row_changes()', t || '_audit_update', t);
    execute format('create trigger %I after delete on public.%I referencing old table as changed_rows
                    for each statement execute function private.audit_row_changes()', t || '_audit_delete', t);
  end loop;
end
$$;

-- App events that are not row changes (a document URL issued, an export, a denied attempt).
create function public.record_audit_event(
  practice_id uuid,
  action text,
  entity text,
  entity_id uuid default null,
  outcome text default 'success'
)
returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  actor text;
begin
  select m.role into actor from public.practice_members m
  where m.practice_id = record_audit_event.practice_id and m.user_id = uid;
  if actor is null and record_audit_event.practice_id in (select private.client_practice_ids_for_user()) then
    actor := 'client';
  end if;
  if actor is null then
    raise exception 'Not a member or client of this practice' using errcode = '42501';
  end if;
  insert into public.audit_log (practice_id, actor_id, actor_role, action, entity, entity_id, outcome, ip, user_agent, request_id)
  values (record_audit_event.practice_id, uid, actor, action, entity, entity_id, outcome, private.request_ip(),
          left(private.request_header('user-agent'), 512),
          left(coalesce(private.request_header('x-request-id'), private.request_header('sb-request-id')), 128));
end
$$;
comment on function public.record_audit_event(uuid, text, text, uuid, text) is
  'Lets a member or client record an app event (e.g. document.download) in her practice''s audit log; the actor is the caller.';
revoke execute on function public.record_audit_event(uuid, text, text, uuid, text) from public, anon;
grant execute on function public.record_audit_event(uuid, text, text, uuid, text) to authenticated, service_role;

alter table public.audit_log enable row level security;
grant select on public.audit_log to authenticated;
grant select, insert on public.audit_log to service_role;

create policy "audit_log: owners and admins read their practice's trail" on public.audit_log
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));

-- ---------------------------------------------------------------------------------------------
-- notifications (the email outbox)
-- ---------------------------------------------------------------------------------------------

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid references public.practices (id) on delete cascade,
  recipient text not null check (recipient like '%_@_%' and length(recipient) <= 320),
  template text not null check (template ~ '^[a-z][a-z0-9-]{0,63}$'),
  payload jsonb not null default '{}' check (jsonb_typeof(payload) = 'object'),
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  last_error text check (length(last_error) <= 2000),
  idempotency_key text not null unique check (length(idempotency_key) between 1 and 256),
  provider_message_id text,
  sent_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.notifications is
  'Email outbox, written in the transaction that causes the email and drained by a cron with retries. Service role only.';
comment on column public.notifications.practice_id is 'The practice the email concerns; null for account-level mail.';
comment on column public.notifications.template is 'The emails/ template that renders the message.';
comment on column public.notifications.payload is 'Template props. No health data: emails never carry it.';
comment on column public.notifications.attempts is 'Delivery attempts so far; the drain backs off with next_attempt_at.';
comment on column public.notifications.idempotency_key is 'Unique per logical email, also sent to the provider so a retry never duplicates.';
create index notifications_practice_idx on public.notifications (practice_id, created_at);
create index notifications_due_idx on public.notifications (next_attempt_at) where status = 'pending';

alter table public.notifications enable row level security;
grant select, insert, update, delete on public.notifications to service_role;
