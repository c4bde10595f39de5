-- The audit log's client filter finds everything about her, not only changes to her client record.
--
-- audit_log.subject_client_id names the client a row is about: her client record itself, or any
-- row that carries her client_id (journey, milestone, appointment, note, message, document, form,
-- signature, portal invitation, task, inquiry). Row changes take it from the changed row (so a
-- deleted note keeps it); app events and any other writer get it from the row their entity_id
-- names. It is not called client_id: the trail is not one of her records, and the catalog sweeps
-- that find a client's rows by that column (erasure_inventory) must keep passing it by.

alter table public.audit_log add column subject_client_id uuid;
comment on column public.audit_log.subject_client_id is
  'The client the event is about (her record, or a row of hers), for filtering by client; no FK, the trail outlives the record. Null when about no client.';
create index audit_log_practice_subject_client_idx on public.audit_log (practice_id, subject_client_id, occurred_at desc)
  where subject_client_id is not null;

-- The client of the row an app event names (a document download, a form PDF, a view of her record),
-- within the event's own practice only.
create function private.audit_log_fill_client()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.subject_client_id is null and new.entity_id is not null then
    new.subject_client_id := case new.entity
      when 'clients' then (select c.id from public.clients c where c.id = new.entity_id and c.practice_id = new.practice_id)
      when 'documents' then (select d.client_id from public.documents d where d.id = new.entity_id and d.practice_id = new.practice_id)
      when 'form_requests' then (select f.client_id from public.form_requests f where f.id = new.entity_id and f.practice_id = new.practice_id)
      when 'appointments' then (select a.client_id from public.appointments a where a.id = new.entity_id and a.practice_id = new.practice_id)
      when 'journeys' then (select j.client_id from public.journeys j where j.id = new.entity_id and j.practice_id = new.practice_id)
      when 'notes' then (select n.client_id from public.notes n where n.id = new.entity_id and n.practice_id = new.practice_id)
      when 'milestones' then (select m.client_id from public.milestones m where m.id = new.entity_id and m.practice_id = new.practice_id)
      when 'messages' then (select m.client_id from public.messages m where m.id = new.entity_id and m.practice_id = new.practice_id)
    end;
    -- An event about a client record that is already gone (an erasure) still names her.
    if new.subject_client_id is null and new.entity = 'clients' then
      new.subject_client_id := new.entity_id;
    end if;
  end if;
  return new;
end
$$;
comment on function private.audit_log_fill_client() is
  'Fills audit_log.subject_client_id, when the writer left it empty, from the row entity_id names (in the same practice).';
revoke execute on function private.audit_log_fill_client() from public, anon, authenticated;
create trigger audit_log_fill_client before insert on public.audit_log
  for each row execute function private.audit_log_fill_client();

-- Row changes: the client from the changed row itself (old row on delete). Otherwise as in
-- 20261124000400_audit_and_outbox.sql.
create or replace function private.audit_row_changes()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  api_role text := (select auth.role());
begin
  insert into public.audit_log (practice_id, actor_id, actor_role, action, entity, entity_id, subject_client_id, ip, user_agent, request_id)
  select r.practice_id,
         uid,
         coalesce(m.role, case when api_role = 'authenticated' then 'client'
                               when api_role = 'service_role' then 'service_role'
                               else 'system' end),
         lower(tg_op),
         tg_table_name,
         r.id,
         r.client_id,
         private.request_ip(),
         left(private.request_header('user-agent'), 512),
         left(coalesce(private.request_header('x-request-id'), private.request_header('sb-request-id')), 128)
  from (
    select (to_jsonb(c) ->> 'practice_id')::uuid as practice_id,
           (to_jsonb(c) ->> 'id')::uuid as id,
           case when tg_table_name = 'clients' then (to_jsonb(c) ->> 'id')::uuid
                else (to_jsonb(c) ->> 'client_id')::uuid end as client_id
    from changed_rows c
  ) r
  join public.practices p on p.id = r.practice_id
  left join public.practice_members m on m.practice_id = r.practice_id and m.user_id = uid;
  return null;
end
$$;

-- The trail so far, where the row it names still exists (a deleted row's events stay unnamed).
-- The append-only guard is lifted for this one statement of the migration, and restored.
alter table public.audit_log disable trigger audit_log_no_update;
update public.audit_log a set subject_client_id = s.client_id
from (
  select 'clients' as entity, c.id, c.practice_id, c.id as client_id from public.clients c
  union all select 'documents', d.id, d.practice_id, d.client_id from public.documents d
  union all select 'form_requests', f.id, f.practice_id, f.client_id from public.form_requests f
  union all select 'appointments', x.id, x.practice_id, x.client_id from public.appointments x
  union all select 'journeys', j.id, j.practice_id, j.client_id from public.journeys j
  union all select 'notes', n.id, n.practice_id, n.client_id from public.notes n
  union all select 'milestones', m.id, m.practice_id, m.client_id from public.milestones m
  union all select 'messages', m.id, m.practice_id, m.client_id from public.messages m
) s
where a.subject_client_id is null and a.entity = s.entity and a.entity_id = s.id and a.practice_id = s.practice_id;
update public.audit_log set subject_client_id = entity_id where subject_client_id is null and entity = 'clients' and entity_id is not null;
alter table public.audit_log enable trigger audit_log_no_update;
