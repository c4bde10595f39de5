-- The practice's milestone template (the timeline every new journey starts from), the audit trail
-- of practice settings, and a database-side check of the practice's time zone.
--
-- Items are placed by a signed number of days from the due date (-28 = 36w0d, 0 = the due date,
-- +7 = a week after it). One integer covers prenatal and postpartum items alike, keeps day
-- precision, and moves every milestone with the due date by the same rule; gestational weeks would
-- need a second column for anything after the birth.

create table public.milestone_template_items (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  title text not null check (length(btrim(title)) between 1 and 200),
  kind text not null default 'custom' check (kind in ('prenatal', 'birth', 'postpartum', 'admin', 'custom')),
  offset_days integer not null check (offset_days between -280 and 365),
  shared_with_client boolean not null default true,
  position integer not null default 0 check (position >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.milestone_template_items is
  'One line of a practice''s milestone template; a new journey with a due date gets one milestone per item.';
comment on column public.milestone_template_items.offset_days is
  'Days from the due date (negative before it): -28 is 36w0d, 0 the due date, 7 a week after it.';
comment on column public.milestone_template_items.shared_with_client is 'Whether the generated milestone starts out visible in her portal.';
comment on column public.milestone_template_items.position is 'Display order in settings (ascending); generated milestones are ordered by date.';
create index milestone_template_items_practice_position_idx on public.milestone_template_items (practice_id, position);

create trigger milestone_template_items_guard_immutable before update on public.milestone_template_items
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'created_at');
create trigger milestone_template_items_touch_updated_at before update on public.milestone_template_items
  for each row execute function private.touch_updated_at();
create trigger milestone_template_items_audit_insert after insert on public.milestone_template_items
  referencing new table as changed_rows for each statement execute function private.audit_row_changes();
create trigger milestone_template_items_audit_update after update on public.milestone_template_items
  referencing new table as changed_rows for each statement execute function private.audit_row_changes();
create trigger milestone_template_items_audit_delete after delete on public.milestone_template_items
  referencing old table as changed_rows for each statement execute function private.audit_row_changes();

alter table public.milestone_template_items enable row level security;
grant select, insert, update, delete on public.milestone_template_items to authenticated, service_role;

create policy "milestone_template_items: members can read" on public.milestone_template_items
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())));
create policy "milestone_template_items: owners and admins can add" on public.milestone_template_items
  for insert to authenticated
  with check (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));
create policy "milestone_template_items: owners and admins can update" on public.milestone_template_items
  for update to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))))
  with check (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));
create policy "milestone_template_items: owners and admins can remove" on public.milestone_template_items
  for delete to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));

-- ---------------------------------------------------------------------------------------------
-- The default template: backfilled for existing practices, given to every new one.
-- lib/pregnancy/milestones.ts DEFAULT_MILESTONE_TEMPLATE states the same list (a test keeps them equal).
-- ---------------------------------------------------------------------------------------------

create function private.default_milestone_template()
returns table (title text, kind text, offset_days integer, shared_with_client boolean, "position" integer)
language sql immutable set search_path = ''
as $$
  values
    ('Consultation and service agreement', 'admin', -140, true, 0),
    ('First prenatal visit', 'prenatal', -84, true, 1),
    ('Birth preferences drafted', 'prenatal', -56, true, 2),
    ('Second prenatal visit', 'prenatal', -42, true, 3),
    ('Bag packed and car seat installed', 'prenatal', -28, true, 4),
    ('On call begins', 'birth', -14, true, 5),
    ('Estimated due date', 'birth', 0, true, 6),
    ('Postpartum visit', 'postpartum', 7, true, 7),
    ('Six-week check-in', 'postpartum', 42, true, 8)
$$;
comment on function private.default_milestone_template() is 'The milestone template a new practice starts with.';

-- Statement-level so that a bulk insert of practices (seeds, benchmarks) costs one insert here.
create function private.seed_milestone_template()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.milestone_template_items (practice_id, title, kind, offset_days, shared_with_client, position)
  select p.id, d.title, d.kind, d.offset_days, d.shared_with_client, d.position
  from new_practices p cross join private.default_milestone_template() d;
  return null;
end
$$;

create trigger practices_seed_milestone_template after insert on public.practices
  referencing new table as new_practices
  for each statement execute function private.seed_milestone_template();

insert into public.milestone_template_items (practice_id, title, kind, offset_days, shared_with_client, position)
select p.id, d.title, d.kind, d.offset_days, d.shared_with_client, d.position
from public.practices p cross join private.default_milestone_template() d
where not exists (select 1 from public.milestone_template_items t where t.practice_id = p.id);

-- Reorders the whole template in one statement: the ids, in their new order, must be exactly the
-- practice's items, otherwise nothing changes (a second tab may have added or removed one).
create function public.reorder_milestone_template(p_practice_id uuid, p_item_ids uuid[])
returns integer
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  moved integer;
begin
  update public.milestone_template_items t
  set position = o.ord - 1
  from unnest(p_item_ids) with ordinality as o(id, ord)
  where t.practice_id = p_practice_id and t.id = o.id;
  get diagnostics moved = row_count;
  if moved > 0 and (moved <> cardinality(p_item_ids) or moved <> (
    select count(*) from public.milestone_template_items t where t.practice_id = p_practice_id
  )) then
    raise exception 'The template changed while it was being reordered' using errcode = '40001';
  end if;
  return moved;
end
$$;
comment on function public.reorder_milestone_template(uuid, uuid[]) is
  'Sets the template''s order to the given ids (all of the practice''s items); returns how many moved (0 when RLS refused).';
revoke execute on function public.reorder_milestone_template(uuid, uuid[]) from public, anon;
grant execute on function public.reorder_milestone_template(uuid, uuid[]) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Practice settings: audited, and the time zone must be one Postgres knows.
-- ---------------------------------------------------------------------------------------------

-- The practice row is its own tenant, so it is audited here rather than by audit_row_changes
-- (which reads a practice_id column the practices table does not have).
create function private.audit_practice_changes()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  api_role text := (select auth.role());
begin
  insert into public.audit_log (practice_id, actor_id, actor_role, action, entity, entity_id, ip, user_agent, request_id)
  select c.id,
         uid,
         coalesce(m.role, case when api_role = 'service_role' then 'service_role' else 'system' end),
         'update',
         'practices',
         c.id,
         private.request_ip(),
         left(private.request_header('user-agent'), 512),
         left(coalesce(private.request_header('x-request-id'), private.request_header('sb-request-id')), 128)
  from changed_rows c
  left join public.practice_members m on m.practice_id = c.id and m.user_id = uid;
  return null;
end
$$;

create trigger practices_audit_update after update on public.practices
  referencing new table as changed_rows
  for each statement execute function private.audit_practice_changes();

-- Rejects names Postgres cannot resolve with the same error Postgres gives (22023); the app
-- validates against the IANA list first, this keeps every writer honest.
create function private.guard_practice_time_zone()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  perform now() at time zone new.time_zone;
  return new;
end
$$;

create trigger practices_guard_time_zone before insert or update of time_zone on public.practices
  for each row execute function private.guard_practice_time_zone();
