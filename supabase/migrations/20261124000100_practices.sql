-- Tenancy: practices, their members and the onboarding that creates them.
--
-- Invariants every later migration keeps:
--   * Every table enables RLS and grants explicitly (config.toml sets auto_expose_new_tables = false).
--   * Policies are `to authenticated` and call helpers in `private` through `(select ...)`, so each
--     helper runs once per statement as an InitPlan, never once per row.
--   * Functions are not executable by PUBLIC unless granted below.

alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from public;
-- The platform's defaults hand every new table to the API roles, TRUNCATE (which ignores RLS)
-- included; here nothing is granted unless a migration says so.
alter default privileges in schema public revoke all on tables from anon, authenticated, service_role;
alter default privileges in schema public revoke all on sequences from anon, authenticated, service_role;
alter default privileges in schema public revoke all on functions from anon, authenticated, service_role;

-- Helpers used by policies live here; the API does not expose this schema.
create schema if not exists private;
revoke all on schema private from public, anon, authenticated;
grant usage on schema private to authenticated, service_role;
comment on schema private is 'Security-definer helpers for RLS policies and guards; never exposed by the API.';

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  full_name text not null default '' check (length(full_name) <= 200),
  email text not null check (length(email) <= 320),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'One row per doula (practice member) login; the id is the auth.users id.';
comment on column public.profiles.email is 'Copied from auth.users at onboarding; the login email.';

create table public.practices (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 1 and 200),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 64),
  time_zone text not null default 'America/New_York',
  on_call_start_week smallint not null default 38 check (on_call_start_week between 20 and 44),
  on_call_end_week smallint not null default 42 check (on_call_end_week between 20 and 44),
  capacity_max_due_dates smallint not null default 4 check (capacity_max_due_dates between 1 and 100),
  capacity_window_days smallint not null default 30 check (capacity_window_days between 1 and 366),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (on_call_start_week <= on_call_end_week)
);
comment on table public.practices is 'The tenant: one doula practice (a solo doula or a team). Deleting it cascades through every table.';
comment on column public.practices.slug is 'Unique URL-safe name, derived from the name at onboarding.';
comment on column public.practices.time_zone is 'IANA time zone used to render dates and schedule reminders.';
comment on column public.practices.on_call_start_week is 'Default first gestational week of the on-call window (journeys may override).';
comment on column public.practices.on_call_end_week is 'Default last gestational week of the on-call window (journeys may override).';
comment on column public.practices.capacity_max_due_dates is 'Capacity rule: at most this many due dates ...';
comment on column public.practices.capacity_window_days is '... within any window of this many days.';
comment on column public.practices.created_by is 'The user who created the practice; immutable.';
create index practices_created_by_idx on public.practices (created_by);

create table public.practice_members (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'doula' check (role in ('owner', 'admin', 'doula')),
  created_at timestamptz not null default now(),
  unique (practice_id, user_id)
);
comment on table public.practice_members is 'Who works in a practice and with which role; a user may belong to several practices.';
comment on column public.practice_members.role is 'owner: everything incl. billing and deletion; admin: manages members and settings; doula: client work.';
create index practice_members_user_id_idx on public.practice_members (user_id);

-- ---------------------------------------------------------------------------------------------
-- Helpers for policies. Security definer so that policies on practice_members do not recurse.
-- Policies call them as `= any(array(select private.helper()))`: an InitPlan evaluated once per
-- statement, which keeps index scans on practice_id (`in (select helper())` did not).
-- ---------------------------------------------------------------------------------------------

create function private.practice_ids_for_user()
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.practice_id
  from public.practice_members m
  where m.user_id = (select auth.uid())
$$;
comment on function private.practice_ids_for_user() is 'Practices the current user is a member of (any role).';

create function private.practice_ids_with_role(roles text[])
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.practice_id
  from public.practice_members m
  where m.user_id = (select auth.uid()) and m.role = any(roles)
$$;
comment on function private.practice_ids_with_role(text[]) is 'Practices where the current user holds one of the given roles.';

create function private.colleague_ids_for_user()
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select distinct m.user_id
  from public.practice_members m
  where m.practice_id = any(array(select private.practice_ids_for_user()))
$$;
comment on function private.colleague_ids_for_user() is 'Users who share a practice with the current user (including the user).';

grant execute on function private.practice_ids_for_user(), private.practice_ids_with_role(text[]),
  private.colleague_ids_for_user() to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Guards
-- ---------------------------------------------------------------------------------------------

create function private.touch_updated_at()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create function private.guard_practice_columns()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.id is distinct from old.id or new.created_by is distinct from old.created_by
     or new.created_at is distinct from old.created_at then
    raise exception 'practices.id, created_by and created_at cannot be changed'
      using errcode = '42501';
  end if;
  return new;
end
$$;

create trigger practices_guard_columns before update on public.practices
  for each row execute function private.guard_practice_columns();
create trigger practices_touch_updated_at before update on public.practices
  for each row execute function private.touch_updated_at();

create function private.guard_profile_columns()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.id is distinct from old.id or new.created_at is distinct from old.created_at then
    raise exception 'profiles.id and created_at cannot be changed' using errcode = '42501';
  end if;
  return new;
end
$$;

create trigger profiles_guard_columns before update on public.profiles
  for each row execute function private.guard_profile_columns();
create trigger profiles_touch_updated_at before update on public.profiles
  for each row execute function private.touch_updated_at();

-- Membership rows never move between practices or users; role changes are decided by the
-- policies (owners may do anything, admins never touch or grant 'owner'); and a practice always
-- keeps at least one owner. Locking the practice row serialises concurrent demotions/removals so
-- two owners cannot remove each other at the same time.
create function private.guard_practice_members()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  other_owners int;
begin
  if tg_op = 'UPDATE' and (new.id is distinct from old.id or new.practice_id is distinct from old.practice_id
       or new.user_id is distinct from old.user_id or new.created_at is distinct from old.created_at) then
    raise exception 'practice_members.practice_id, user_id, id and created_at cannot be changed'
      using errcode = '42501';
  end if;
  if old.role = 'owner' and (tg_op = 'DELETE' or new.role <> 'owner') then
    -- The practice itself is being deleted: its memberships go with it.
    perform 1 from public.practices p where p.id = old.practice_id for update;
    if not found then
      return case when tg_op = 'DELETE' then old else new end;
    end if;
    select count(*) into other_owners
    from public.practice_members m
    where m.practice_id = old.practice_id and m.role = 'owner' and m.id <> old.id;
    if other_owners = 0 then
      raise exception 'A practice must keep at least one owner' using errcode = '42501';
    end if;
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;

create trigger practice_members_guard before update or delete on public.practice_members
  for each row execute function private.guard_practice_members();

-- ---------------------------------------------------------------------------------------------
-- Onboarding
-- ---------------------------------------------------------------------------------------------

create function private.slugify(input text)
returns text
language sql immutable set search_path = ''
as $$
  select coalesce(
    nullif(left(btrim(regexp_replace(lower(input), '[^a-z0-9]+', '-', 'g'), '-'), 48), ''),
    'practice'
  )
$$;

-- Idempotent and safe under concurrency: the advisory lock on the user serialises calls from
-- several tabs or devices, and a user who already belongs to a practice gets that practice back.
create function public.complete_onboarding()
returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  usr auth.users%rowtype;
  existing uuid;
  display_name text;
  practice_name text;
  base_slug text;
  candidate text;
  new_id uuid;
begin
  if uid is null then
    raise exception 'Not signed in' using errcode = '42501';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('complete_onboarding:' || uid::text, 0));

  select m.practice_id into existing
  from public.practice_members m
  where m.user_id = uid
  order by m.created_at, m.practice_id
  limit 1;
  if existing is not null then
    return existing;
  end if;

  select * into usr from auth.users u where u.id = uid;
  if not found then
    raise exception 'Unknown user' using errcode = '42501';
  end if;

  display_name := nullif(btrim(coalesce(usr.raw_user_meta_data ->> 'full_name', '')), '');
  practice_name := coalesce(
    nullif(btrim(coalesce(usr.raw_user_meta_data ->> 'practice_name', '')), ''),
    display_name || '''s practice',
    split_part(coalesce(usr.email, ''), '@', 1) || '''s practice'
  );
  practice_name := left(practice_name, 200);

  insert into public.profiles (id, full_name, email)
  values (uid, coalesce(display_name, ''), coalesce(usr.email, ''))
  on conflict (id) do nothing;

  base_slug := private.slugify(practice_name);
  candidate := base_slug;
  loop
    begin
      insert into public.practices (name, slug, created_by)
      values (practice_name, candidate, uid)
      returning id into new_id;
      exit;
    exception when unique_violation then
      candidate := base_slug || '-' || substr(md5(gen_random_uuid()::text), 1, 6);
    end;
  end loop;

  insert into public.practice_members (practice_id, user_id, role)
  values (new_id, uid, 'owner');
  return new_id;
end
$$;
comment on function public.complete_onboarding() is
  'Creates the caller''s profile, practice and owner membership once; later or concurrent calls return the existing practice.';
revoke execute on function public.complete_onboarding() from public, anon;
grant execute on function public.complete_onboarding() to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Grants and policies
-- ---------------------------------------------------------------------------------------------

alter table public.profiles enable row level security;
alter table public.practices enable row level security;
alter table public.practice_members enable row level security;

grant select, insert, update on public.profiles to authenticated;
grant select, update on public.practices to authenticated;
grant select, insert, update, delete on public.practice_members to authenticated;
grant select, insert, update, delete on public.profiles, public.practices, public.practice_members to service_role;

create policy "profiles: self and colleagues can read" on public.profiles
  for select to authenticated
  using (id = any(array(select private.colleague_ids_for_user())) or id = (select auth.uid()));
create policy "profiles: users insert their own" on public.profiles
  for insert to authenticated
  with check (id = (select auth.uid()));
create policy "profiles: users update their own" on public.profiles
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

create policy "practices: members can read" on public.practices
  for select to authenticated
  using (id = any(array(select private.practice_ids_for_user())));
create policy "practices: owners and admins can update" on public.practices
  for update to authenticated
  using (id = any(array(select private.practice_ids_with_role('{owner,admin}'))))
  with check (id = any(array(select private.practice_ids_with_role('{owner,admin}'))));

create policy "practice_members: members can read their practice's members" on public.practice_members
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())));
create policy "practice_members: owners add anyone, admins add non-owners" on public.practice_members
  for insert to authenticated
  with check (
    practice_id = any(array(select private.practice_ids_with_role('{owner}')))
    or (role <> 'owner' and practice_id = any(array(select private.practice_ids_with_role('{admin}'))))
  );
create policy "practice_members: owners change anyone, admins change non-owners" on public.practice_members
  for update to authenticated
  using (
    practice_id = any(array(select private.practice_ids_with_role('{owner}')))
    or (role <> 'owner' and practice_id = any(array(select private.practice_ids_with_role('{admin}'))))
  )
  with check (
    practice_id = any(array(select private.practice_ids_with_role('{owner}')))
    or (role <> 'owner' and practice_id = any(array(select private.practice_ids_with_role('{admin}'))))
  );
create policy "practice_members: owners remove anyone, admins non-owners, members themselves" on public.practice_members
  for delete to authenticated
  using (
    user_id = (select auth.uid())
    or practice_id = any(array(select private.practice_ids_with_role('{owner}')))
    or (role <> 'owner' and practice_id = any(array(select private.practice_ids_with_role('{admin}'))))
  );
