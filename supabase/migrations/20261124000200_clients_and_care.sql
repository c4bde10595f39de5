-- Clients, their journeys (one pregnancy and its postpartum period) and the care records hung on
-- them. Child tables carry practice_id and client_id and point at their parent through composite
-- foreign keys that include practice_id, so a row can never link records of two practices, and no
-- policy needs to join through a parent.

-- ---------------------------------------------------------------------------------------------
-- Generic guards
-- ---------------------------------------------------------------------------------------------

-- TG_ARGV lists columns nobody may change after insert, service_role included. Referential
-- actions (ON DELETE SET NULL) run as nested triggers and are the one thing allowed through.
create function private.guard_immutable_columns()
returns trigger
language plpgsql set search_path = ''
as $$
declare
  col text;
  before jsonb := to_jsonb(old);
  after jsonb := to_jsonb(new);
begin
  if pg_trigger_depth() > 1 then
    return new;
  end if;
  foreach col in array tg_argv loop
    if before -> col is distinct from after -> col then
      raise exception '%.% cannot be changed', tg_table_name, col using errcode = '42501';
    end if;
  end loop;
  return new;
end
$$;

-- TG_ARGV lists the only columns a portal client (an API caller who is not a member of the row's
-- practice) may change; members are constrained by the policies alone.
create function private.guard_portal_columns()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user <> 'authenticated' or new.practice_id in (select private.practice_ids_for_user()) then
    return new;
  end if;
  if (to_jsonb(old) - tg_argv) is distinct from (to_jsonb(new) - tg_argv) then
    raise exception 'Clients may only change % on %', array_to_string(tg_argv, ', '), tg_table_name
      using errcode = '42501';
  end if;
  return new;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- practice_invitations
-- ---------------------------------------------------------------------------------------------

create table public.practice_invitations (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  email text not null check (email = lower(btrim(email)) and email like '%_@_%' and length(email) <= 320),
  role text not null default 'doula' check (role in ('admin', 'doula')),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz not null default now() + interval '7 days',
  invited_by uuid default auth.uid() references auth.users (id) on delete set null,
  accepted_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.practice_invitations is 'Pending and accepted invitations for doulas/admins to join a practice.';
comment on column public.practice_invitations.token_hash is 'Hex SHA-256 of the token sent by email; the token itself is never stored.';
comment on column public.practice_invitations.accepted_at is 'Set once by accept_practice_invitation(); an accepted invitation cannot be reused.';
create unique index practice_invitations_pending_email_key on public.practice_invitations (practice_id, email)
  where accepted_at is null;
create index practice_invitations_practice_id_idx on public.practice_invitations (practice_id, created_at);
create index practice_invitations_invited_by_idx on public.practice_invitations (invited_by);

create trigger practice_invitations_guard_immutable before update on public.practice_invitations
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'email', 'token_hash', 'invited_by', 'created_at');

-- ---------------------------------------------------------------------------------------------
-- clients
-- ---------------------------------------------------------------------------------------------

create table public.clients (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  first_name text not null check (length(btrim(first_name)) between 1 and 100),
  last_name text not null default '' check (length(last_name) <= 100),
  preferred_name text check (length(preferred_name) <= 100),
  pronouns text check (length(pronouns) <= 40),
  email text check (email = lower(btrim(email)) and length(email) <= 320),
  phone text check (length(phone) <= 40),
  address jsonb not null default '{}' check (jsonb_typeof(address) = 'object'),
  partner_contacts jsonb not null default '[]' check (jsonb_typeof(partner_contacts) = 'array'),
  portal_user_id uuid references auth.users (id) on delete set null,
  lead_source text check (length(lead_source) <= 100),
  utm jsonb not null default '{}' check (jsonb_typeof(utm) = 'object'),
  archived_at timestamptz,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (practice_id, id),
  unique (practice_id, portal_user_id)
);
comment on table public.clients is 'A person the practice serves (or a lead). Health details live on journeys and notes, not here.';
comment on column public.clients.address is 'Postal address: {line1, line2, city, region, postal_code, country}.';
comment on column public.clients.partner_contacts is 'Partner and support people: [{name, relationship, phone, email}].';
comment on column public.clients.portal_user_id is 'The client''s own login for the portal; set by the practice, never by the client.';
comment on column public.clients.lead_source is 'How the lead found the practice (referral, website, ...).';
comment on column public.clients.utm is 'UTM parameters captured with the lead: {source, medium, campaign, term, content}.';
comment on column public.clients.archived_at is 'Hidden from active lists when set; the record is kept.';
create index clients_portal_user_id_idx on public.clients (portal_user_id);
create index clients_created_by_idx on public.clients (created_by);
create index clients_practice_name_idx on public.clients (practice_id, last_name, first_name);

create trigger clients_guard_immutable before update on public.clients
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'created_by', 'created_at');
create trigger clients_guard_portal before update on public.clients
  for each row execute function private.guard_portal_columns('preferred_name', 'pronouns', 'phone', 'address', 'partner_contacts', 'updated_at');
create trigger clients_touch_updated_at before update on public.clients
  for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- journeys
-- ---------------------------------------------------------------------------------------------

create table public.journeys (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  client_id uuid not null,
  due_date date,
  status text not null default 'lead'
    check (status in ('lead', 'consult', 'booked', 'active', 'postpartum', 'complete', 'archived')),
  primary_doula_id uuid,
  backup_doula_id uuid,
  on_call_start_week smallint check (on_call_start_week between 20 and 44),
  on_call_end_week smallint check (on_call_end_week between 20 and 44),
  born_at timestamptz,
  birth_place text check (birth_place in ('hospital', 'birth_center', 'home', 'other')),
  delivery_mode text check (delivery_mode in ('vaginal', 'vbac', 'cesarean', 'other')),
  baby_count smallint check (baby_count between 1 and 8),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (practice_id, id),
  unique (practice_id, client_id, id),
  foreign key (practice_id, client_id) references public.clients (practice_id, id) on delete cascade,
  foreign key (practice_id, primary_doula_id) references public.practice_members (practice_id, user_id)
    on delete set null (primary_doula_id),
  foreign key (practice_id, backup_doula_id) references public.practice_members (practice_id, user_id)
    on delete set null (backup_doula_id),
  check (primary_doula_id is null or primary_doula_id is distinct from backup_doula_id),
  check (on_call_start_week is null or on_call_end_week is null or on_call_start_week <= on_call_end_week)
);
comment on table public.journeys is 'One pregnancy and its postpartum period for a client, with its status and birth record.';
comment on column public.journeys.status is 'lead -> consult -> booked -> active -> postpartum -> complete, or archived.';
comment on column public.journeys.primary_doula_id is 'A member of the same practice (composite FK); cleared when they leave.';
comment on column public.journeys.backup_doula_id is 'A member of the same practice (composite FK); cleared when they leave.';
comment on column public.journeys.on_call_start_week is 'Overrides practices.on_call_start_week for this journey when set.';
comment on column public.journeys.on_call_end_week is 'Overrides practices.on_call_end_week for this journey when set.';
comment on column public.journeys.born_at is 'Birth record: when the baby was born (null until birth).';
comment on column public.journeys.birth_place is 'Birth record: where the birth happened.';
comment on column public.journeys.delivery_mode is 'Birth record: how the baby was delivered.';
comment on column public.journeys.baby_count is 'Birth record: number of babies born.';
create index journeys_practice_due_date_idx on public.journeys (practice_id, due_date);
create index journeys_primary_doula_idx on public.journeys (practice_id, primary_doula_id);
create index journeys_backup_doula_idx on public.journeys (practice_id, backup_doula_id);

create trigger journeys_guard_immutable before update on public.journeys
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'client_id', 'created_at');
create trigger journeys_touch_updated_at before update on public.journeys
  for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- milestones, appointments, notes
-- ---------------------------------------------------------------------------------------------

create table public.milestones (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  client_id uuid not null,
  journey_id uuid not null,
  title text not null check (length(btrim(title)) between 1 and 200),
  kind text not null default 'custom' check (kind in ('prenatal', 'birth', 'postpartum', 'admin', 'custom')),
  due_on date,
  done_at timestamptz,
  shared_with_client boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (practice_id, client_id, journey_id) references public.journeys (practice_id, client_id, id) on delete cascade
);
comment on table public.milestones is 'Timeline items of a journey (checklists, visits due, paperwork).';
comment on column public.milestones.shared_with_client is 'Visible in the client''s portal when true.';
create index milestones_journey_idx on public.milestones (practice_id, client_id, journey_id);
create index milestones_practice_due_on_idx on public.milestones (practice_id, due_on);

create trigger milestones_guard_immutable before update on public.milestones
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'client_id', 'journey_id', 'created_at');
create trigger milestones_touch_updated_at before update on public.milestones
  for each row execute function private.touch_updated_at();

create table public.appointments (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  client_id uuid not null,
  journey_id uuid not null,
  doula_id uuid,
  kind text not null default 'prenatal' check (kind in ('consult', 'prenatal', 'birth', 'postpartum', 'other')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  location text check (length(location) <= 500),
  video_url text check (video_url ~ '^https://' and length(video_url) <= 2000),
  status text not null default 'scheduled' check (status in ('scheduled', 'cancelled', 'completed')),
  shared_with_client boolean not null default true,
  reminder_sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (practice_id, client_id, id),
  check (ends_at > starts_at),
  foreign key (practice_id, client_id, journey_id) references public.journeys (practice_id, client_id, id) on delete cascade,
  foreign key (practice_id, doula_id) references public.practice_members (practice_id, user_id) on delete set null (doula_id)
);
comment on table public.appointments is 'Consults, visits, the birth and postpartum visits of a journey.';
comment on column public.appointments.doula_id is 'The attending member of the same practice (composite FK); cleared when they leave.';
comment on column public.appointments.shared_with_client is 'Visible in the client''s portal when true.';
comment on column public.appointments.reminder_sent_at is 'Set by the reminder cron so a reminder is sent once.';
create index appointments_practice_starts_at_idx on public.appointments (practice_id, starts_at);
create index appointments_journey_idx on public.appointments (practice_id, client_id, journey_id);
create index appointments_doula_idx on public.appointments (practice_id, doula_id);

create trigger appointments_guard_immutable before update on public.appointments
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'client_id', 'journey_id', 'created_at');
create trigger appointments_touch_updated_at before update on public.appointments
  for each row execute function private.touch_updated_at();

create table public.notes (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  client_id uuid not null,
  journey_id uuid,
  appointment_id uuid,
  author_id uuid default auth.uid() references auth.users (id) on delete set null,
  body text not null check (length(btrim(body)) between 1 and 20000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (journey_id is not null or appointment_id is not null),
  foreign key (practice_id, client_id, journey_id) references public.journeys (practice_id, client_id, id) on delete cascade,
  foreign key (practice_id, client_id, appointment_id) references public.appointments (practice_id, client_id, id) on delete cascade
);
comment on table public.notes is 'Private practice notes on a journey or an appointment. Clients have no policy here: never visible in the portal.';
comment on column public.notes.author_id is 'The member who wrote the note; only they may edit it.';
create index notes_journey_idx on public.notes (practice_id, client_id, journey_id);
create index notes_appointment_idx on public.notes (practice_id, client_id, appointment_id);
create index notes_author_id_idx on public.notes (author_id);

create trigger notes_guard_immutable before update on public.notes
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'client_id', 'journey_id', 'appointment_id', 'author_id', 'created_at');
create trigger notes_touch_updated_at before update on public.notes
  for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Portal helpers
-- ---------------------------------------------------------------------------------------------

create function private.client_ids_for_user()
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select c.id
  from public.clients c
  where c.portal_user_id = (select auth.uid())
$$;
comment on function private.client_ids_for_user() is 'Client records whose portal login is the current user.';

create function private.client_practice_ids_for_user()
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select distinct c.practice_id
  from public.clients c
  where c.portal_user_id = (select auth.uid())
$$;
comment on function private.client_practice_ids_for_user() is 'Practices the current user is a portal client of.';

-- Clients see the names of the members of their practices (their doulas), members their colleagues.
create or replace function private.colleague_ids_for_user()
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select distinct m.user_id
  from public.practice_members m
  where m.practice_id = any(array(select private.practice_ids_for_user()))
     or m.practice_id = any(array(select private.client_practice_ids_for_user()))
$$;

grant execute on function private.client_ids_for_user(), private.client_practice_ids_for_user() to authenticated, service_role;

alter policy "practices: members can read" on public.practices rename to "practices: members and their clients can read";
alter policy "practices: members and their clients can read" on public.practices
  using (id = any(array(select private.practice_ids_for_user()))
         or id = any(array(select private.client_practice_ids_for_user())));

-- ---------------------------------------------------------------------------------------------
-- Invitations acceptance (the invited user is not a member yet, so this must bypass RLS)
-- ---------------------------------------------------------------------------------------------

create function public.accept_practice_invitation(token text)
returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  user_email text;
  user_name text;
  inv public.practice_invitations%rowtype;
begin
  if uid is null then
    raise exception 'Not signed in' using errcode = '42501';
  end if;
  select lower(u.email), coalesce(u.raw_user_meta_data ->> 'full_name', '') into user_email, user_name
  from auth.users u where u.id = uid;

  select * into inv
  from public.practice_invitations i
  where i.token_hash = encode(extensions.digest(convert_to(coalesce(token, ''), 'UTF8'), 'sha256'), 'hex')
  for update;
  if not found or inv.accepted_at is not null or inv.expires_at <= now() or inv.email <> user_email then
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002';
  end if;

  insert into public.profiles (id, full_name, email)
  values (uid, btrim(user_name), user_email)
  on conflict (id) do nothing;
  insert into public.practice_members (practice_id, user_id, role)
  values (inv.practice_id, uid, inv.role)
  on conflict (practice_id, user_id) do nothing;
  update public.practice_invitations set accepted_at = now() where id = inv.id;
  return inv.practice_id;
end
$$;
comment on function public.accept_practice_invitation(text) is
  'Joins the caller to the inviting practice when the token matches an unexpired invitation for their email; single use.';
revoke execute on function public.accept_practice_invitation(text) from public, anon;
grant execute on function public.accept_practice_invitation(text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Grants and policies
-- ---------------------------------------------------------------------------------------------

alter table public.practice_invitations enable row level security;
alter table public.clients enable row level security;
alter table public.journeys enable row level security;
alter table public.milestones enable row level security;
alter table public.appointments enable row level security;
alter table public.notes enable row level security;

grant select, insert, update, delete on public.practice_invitations, public.clients, public.journeys,
  public.milestones, public.appointments, public.notes to authenticated, service_role;

create policy "practice_invitations: owners and admins can read" on public.practice_invitations
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));
create policy "practice_invitations: owners and admins can invite" on public.practice_invitations
  for insert to authenticated
  with check (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}')))
              and invited_by = (select auth.uid()));
create policy "practice_invitations: owners and admins can update" on public.practice_invitations
  for update to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))))
  with check (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));
create policy "practice_invitations: owners and admins can revoke" on public.practice_invitations
  for delete to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));

create policy "clients: members read their practice's clients, a client reads her own record" on public.clients
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user()))
         or portal_user_id = (select auth.uid()));
create policy "clients: members can add" on public.clients
  for insert to authenticated
  with check (practice_id = any(array(select private.practice_ids_for_user())));
create policy "clients: members update, a client updates her own contact details" on public.clients
  for update to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user()))
         or portal_user_id = (select auth.uid()))
  with check (practice_id = any(array(select private.practice_ids_for_user()))
              or portal_user_id = (select auth.uid()));
create policy "clients: owners and admins can delete" on public.clients
  for delete to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));

create policy "journeys: members read their practice's, a client reads her own" on public.journeys
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user()))
         or client_id = any(array(select private.client_ids_for_user())));
create policy "journeys: members can add" on public.journeys
  for insert to authenticated
  with check (practice_id = any(array(select private.practice_ids_for_user())));
create policy "journeys: members can update" on public.journeys
  for update to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())))
  with check (practice_id = any(array(select private.practice_ids_for_user())));
create policy "journeys: owners and admins can delete" on public.journeys
  for delete to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));

create policy "milestones: members read all, a client reads those shared with her" on public.milestones
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user()))
         or (shared_with_client and client_id = any(array(select private.client_ids_for_user()))));
create policy "milestones: members can add" on public.milestones
  for insert to authenticated
  with check (practice_id = any(array(select private.practice_ids_for_user())));
create policy "milestones: members can update" on public.milestones
  for update to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())))
  with check (practice_id = any(array(select private.practice_ids_for_user())));
create policy "milestones: members can delete" on public.milestones
  for delete to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())));

create policy "appointments: members read all, a client reads those shared with her" on public.appointments
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user()))
         or (shared_with_client and client_id = any(array(select private.client_ids_for_user()))));
create policy "appointments: members can add" on public.appointments
  for insert to authenticated
  with check (practice_id = any(array(select private.practice_ids_for_user())));
create policy "appointments: members can update" on public.appointments
  for update to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())))
  with check (practice_id = any(array(select private.practice_ids_for_user())));
create policy "appointments: members can delete" on public.appointments
  for delete to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())));

create policy "notes: members can read" on public.notes
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())));
create policy "notes: members add notes as themselves" on public.notes
  for insert to authenticated
  with check (practice_id = any(array(select private.practice_ids_for_user()))
              and author_id = (select auth.uid()));
create policy "notes: authors edit their own notes" on public.notes
  for update to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())) and author_id = (select auth.uid()))
  with check (practice_id = any(array(select private.practice_ids_for_user())) and author_id = (select auth.uid()));
create policy "notes: authors, owners and admins can delete" on public.notes
  for delete to authenticated
  using ((practice_id = any(array(select private.practice_ids_for_user())) and author_id = (select auth.uid()))
         or practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));
