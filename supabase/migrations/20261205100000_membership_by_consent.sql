-- Membership and portal access only ever come from the invited person herself.
--
-- Before: an owner could insert any user id into practice_members, and a portal invitation linked
-- the client record to whatever login already had that email (and showed its id to the practice).
-- Together an owner could make a stranger a member of her practice without the stranger's consent.
-- Now:
--   * nobody inserts memberships through the API: they come from complete_onboarding() (her own
--     practice) and accept_practice_invitation() (a token sent to her verified email);
--   * clients.portal_user_id is set only by accept_portal_invitation(), called by the invited
--     person signed in as the invited, verified email; a practice can only unlink it;
--   * a practice may delete only logins it brought into being (private.login_origins), and only
--     when they are used for nothing else;
--   * profiles carry the login email from auth.users, which nobody edits through the API, and a
--     portal client no longer reads the team's profiles (names and emails) at all.

-- ---------------------------------------------------------------------------------------------
-- practice_members: no direct inserts
-- ---------------------------------------------------------------------------------------------

drop policy "practice_members: owners add anyone, admins add non-owners" on public.practice_members;
revoke insert on public.practice_members from authenticated;

-- A membership needs a verified email as well as the token: an unconfirmed sign-up for someone
-- else's address never joins a practice.
create or replace function public.accept_practice_invitation(token text)
returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  usr auth.users%rowtype;
  inv public.practice_invitations%rowtype;
begin
  if uid is null then
    raise exception 'Not signed in' using errcode = '42501';
  end if;
  select * into usr from auth.users u where u.id = uid;

  select * into inv
  from public.practice_invitations i
  where i.token_hash = encode(extensions.digest(convert_to(coalesce(token, ''), 'UTF8'), 'sha256'), 'hex')
  for update;
  if not found then
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002', hint = 'unknown';
  end if;
  if inv.accepted_at is not null then
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002', hint = 'used';
  end if;
  if inv.expires_at <= now() then
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002', hint = 'expired';
  end if;
  if inv.email <> lower(usr.email) or usr.email_confirmed_at is null then
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002', hint = 'wrong_account';
  end if;

  insert into public.profiles (id, full_name, email)
  values (uid, btrim(coalesce(usr.raw_user_meta_data ->> 'full_name', '')), lower(usr.email))
  on conflict (id) do nothing;
  insert into public.practice_members (practice_id, user_id, role)
  values (inv.practice_id, uid, inv.role)
  on conflict (practice_id, user_id) do nothing;
  update public.practice_invitations set accepted_at = now() where id = inv.id;
  return inv.practice_id;
end
$$;
comment on function public.accept_practice_invitation(text) is
  'Joins the caller to the inviting practice when the token matches an unexpired invitation for her verified email; single use. Refusals carry hint unknown / used / expired / wrong_account.';

-- ---------------------------------------------------------------------------------------------
-- profiles: the email is the login's, kept in step with auth.users; only the name is hers to edit
-- ---------------------------------------------------------------------------------------------

drop policy "profiles: users insert their own" on public.profiles;
revoke insert, update on public.profiles from authenticated;
grant update (full_name) on public.profiles to authenticated;
comment on column public.profiles.email is 'The login email, copied from auth.users (and kept in step by a trigger); nobody edits it through the API.';

create function private.sync_profile_email()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update public.profiles set email = lower(new.email) where id = new.id and email is distinct from lower(new.email);
  return null;
end
$$;
comment on function private.sync_profile_email() is 'Keeps profiles.email equal to the login email after an email change.';

create trigger sync_profile_email after update of email on auth.users
  for each row when (new.email is not null and old.email is distinct from new.email)
  execute function private.sync_profile_email();

update public.profiles p set email = lower(u.email)
from auth.users u
where u.id = p.id and u.email is not null and p.email is distinct from lower(u.email);

-- Members read their colleagues' profiles; a portal client reads none (she needs no team emails).
create or replace function private.colleague_ids_for_user()
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select distinct m.user_id
  from public.practice_members m
  where m.practice_id = any(array(select private.practice_ids_for_user()))
$$;
comment on function private.colleague_ids_for_user() is 'Users who share a practice with the current user as members (including the user).';
alter policy "profiles: self and colleagues can read" on public.profiles rename to "profiles: self and fellow members can read";

-- ---------------------------------------------------------------------------------------------
-- Which logins a practice brought into being
-- ---------------------------------------------------------------------------------------------

create table private.login_origins (
  user_id uuid primary key references auth.users (id) on delete cascade,
  practice_id uuid not null references public.practices (id) on delete cascade,
  client_id uuid,
  created_at timestamptz not null default now()
);
comment on table private.login_origins is
  'Logins created by a practice''s invitation (team or portal). Only these, and the practice creator''s, may be deleted with the practice or client, and only when used nowhere else.';
comment on column private.login_origins.client_id is 'The client record whose portal invitation created the login; null for a team invitation.';
create index login_origins_practice_idx on private.login_origins (practice_id, client_id);
alter table private.login_origins enable row level security;
revoke all on private.login_origins from public, anon, authenticated, service_role;

create function public.record_login_origin(login uuid, practice uuid, client uuid default null)
returns void
language sql volatile security definer set search_path = ''
as $$
  insert into private.login_origins (user_id, practice_id, client_id)
  values (login, practice, client)
  on conflict (user_id) do nothing
$$;
comment on function public.record_login_origin(uuid, uuid, uuid) is
  'Service role: records that a practice''s invitation created this login (called right after creating it).';
revoke execute on function public.record_login_origin(uuid, uuid, uuid) from public, anon, authenticated;
grant execute on function public.record_login_origin(uuid, uuid, uuid) to service_role;

-- ---------------------------------------------------------------------------------------------
-- Portal invitations
-- ---------------------------------------------------------------------------------------------

create table public.portal_invitations (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  client_id uuid not null,
  email text not null check (email = lower(btrim(email)) and email like '%_@_%' and length(email) <= 320),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz not null default now() + interval '7 days',
  invited_by uuid references auth.users (id) on delete set null,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (practice_id, client_id) references public.clients (practice_id, id) on delete cascade,
  check (accepted_at is null or revoked_at is null)
);
comment on table public.portal_invitations is
  'Invitations of a client to her portal. Written by the server only; the client record is linked when she accepts, signed in as the invited, verified email.';
comment on column public.portal_invitations.email is 'The address the invitation was sent to; only a login with this verified email can accept it.';
comment on column public.portal_invitations.token_hash is 'Hex SHA-256 of the token in the email; the token itself is never stored.';
comment on column public.portal_invitations.accepted_at is 'When she accepted it; an accepted invitation cannot be reused.';
comment on column public.portal_invitations.revoked_at is 'When it stopped working: a newer invitation, revoked access, or another one accepted.';
create index portal_invitations_client_idx on public.portal_invitations (practice_id, client_id, created_at);
create index portal_invitations_invited_by_idx on public.portal_invitations (invited_by);

create trigger portal_invitations_guard_immutable before update on public.portal_invitations
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'client_id', 'email', 'token_hash', 'invited_by', 'created_at');

create trigger portal_invitations_audit_insert after insert on public.portal_invitations
  referencing new table as changed_rows for each statement execute function private.audit_row_changes();
create trigger portal_invitations_audit_update after update on public.portal_invitations
  referencing new table as changed_rows for each statement execute function private.audit_row_changes();
create trigger portal_invitations_audit_delete after delete on public.portal_invitations
  referencing old table as changed_rows for each statement execute function private.audit_row_changes();

alter table public.portal_invitations enable row level security;
grant select on public.portal_invitations to authenticated;
grant select, insert, update, delete on public.portal_invitations to service_role;

create policy "portal_invitations: members read their practice's" on public.portal_invitations
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())));

-- A practice sets clients.portal_user_id to nothing but null (revoking access); linking happens in
-- accept_portal_invitation (security definer, so not as `authenticated`).
create function private.guard_portal_link()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user <> 'authenticated' or new.portal_user_id is null then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if new.portal_user_id is not distinct from old.portal_user_id then
      return new;
    end if;
  end if;
  raise exception 'A portal login is linked only when she accepts her invitation' using errcode = '42501';
end
$$;

create trigger clients_guard_portal_link before insert or update of portal_user_id on public.clients
  for each row execute function private.guard_portal_link();
comment on column public.clients.portal_user_id is
  'The client''s own login for the portal: linked only by accept_portal_invitation(); a member may unlink it (set null).';

create function public.accept_portal_invitation(token text)
returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  usr auth.users%rowtype;
  inv public.portal_invitations%rowtype;
begin
  if uid is null then
    raise exception 'Not signed in' using errcode = '42501';
  end if;
  select * into usr from auth.users u where u.id = uid;

  select * into inv
  from public.portal_invitations i
  where i.token_hash = encode(extensions.digest(convert_to(coalesce(token, ''), 'UTF8'), 'sha256'), 'hex')
  for update;
  if not found then
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002', hint = 'unknown';
  end if;
  if inv.accepted_at is not null then
    -- Opening the link twice is not an error when it is hers.
    if exists (select 1 from public.clients c where c.id = inv.client_id and c.portal_user_id = uid) then
      return inv.practice_id;
    end if;
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002', hint = 'used';
  end if;
  if inv.revoked_at is not null then
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002', hint = 'revoked';
  end if;
  if inv.expires_at <= now() then
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002', hint = 'expired';
  end if;
  if inv.email <> lower(usr.email) or usr.email_confirmed_at is null then
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002', hint = 'wrong_account';
  end if;
  -- The practice changed her email after sending it: the invitation was for someone else.
  perform 1 from public.clients c where c.id = inv.client_id and c.practice_id = inv.practice_id and c.email = inv.email
  for update;
  if not found then
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002', hint = 'revoked';
  end if;
  if exists (select 1 from public.clients c
             where c.practice_id = inv.practice_id and c.portal_user_id = uid and c.id <> inv.client_id) then
    raise exception 'This login already opens another record of this practice' using errcode = 'P0002', hint = 'linked_elsewhere';
  end if;

  update public.clients set portal_user_id = uid where id = inv.client_id and practice_id = inv.practice_id;
  update public.portal_invitations set accepted_at = now() where id = inv.id;
  update public.portal_invitations set revoked_at = now()
  where practice_id = inv.practice_id and client_id = inv.client_id and id <> inv.id
    and accepted_at is null and revoked_at is null;
  return inv.practice_id;
end
$$;
comment on function public.accept_portal_invitation(text) is
  'Links the caller''s login to the invited client record when the token matches an open invitation for her verified email. Refusals carry hint unknown / used / revoked / expired / wrong_account / linked_elsewhere.';
revoke execute on function public.accept_portal_invitation(text) from public, anon;
grant execute on function public.accept_portal_invitation(text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Erasure: only logins the practice brought into being, and only when used nowhere else
-- ---------------------------------------------------------------------------------------------

create or replace function public.erasure_inventory(target_practice uuid, target_client uuid default null)
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  t record;
  n bigint;
  tables jsonb := '{}';
  prefix text := target_practice::text || '/' || coalesce(target_client::text || '/', '');
  files bigint;
begin
  if target_client is null then
    select count(*) into n from public.practices where id = target_practice;
    if n = 0 then
      raise exception 'No such practice' using errcode = 'P0002';
    end if;
    tables := jsonb_build_object('practices', n);
  elsif not exists (select 1 from public.clients where id = target_client and practice_id = target_practice) then
    raise exception 'No such client in this practice' using errcode = 'P0002';
  end if;

  for t in
    select c.relname,
           exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'client_id' and not a.attisdropped) as has_client
    from pg_class c
    join pg_namespace s on s.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'practice_id' and not a.attisdropped
    where s.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'practice_deletions'
    order by c.relname
  loop
    if target_client is null then
      execute format('select count(*) from public.%I where practice_id = $1', t.relname) into n using target_practice;
    elsif t.relname = 'clients' then
      n := 1;
    elsif t.has_client then
      execute format('select count(*) from public.%I where practice_id = $1 and client_id = $2', t.relname)
        into n using target_practice, target_client;
    else
      continue;
    end if;
    tables := tables || jsonb_build_object(t.relname, n);
  end loop;

  select count(*) into files from storage.objects o
  where o.bucket_id = 'client-files' and starts_with(o.name, prefix);

  return jsonb_build_object(
    'tables', tables,
    'files', files,
    'prefix', prefix,
    -- Candidates: the practice's creator (account erasure) and the logins its invitations created
    -- (for a client erasure, that client's portal invitation only). Each is kept if it is a member
    -- or a portal client anywhere else.
    'logins', coalesce((
      select jsonb_agg(distinct u.id)
      from (
        select p.created_by as id from public.practices p
        where target_client is null and p.id = target_practice and p.created_by is not null
        union
        select o.user_id from private.login_origins o
        where o.practice_id = target_practice and (target_client is null or o.client_id = target_client)
      ) u
      where not exists (select 1 from public.practice_members m
                        where m.user_id = u.id and (target_client is not null or m.practice_id <> target_practice))
        and not exists (select 1 from public.clients c
                        where c.portal_user_id = u.id
                          and (case when target_client is null then c.practice_id <> target_practice
                                    else c.id <> target_client end))
    ), '[]'),
    'portal_emails', coalesce((
      select jsonb_agg(distinct u.email order by u.email)
      from public.clients c join auth.users u on u.id = c.portal_user_id
      where c.practice_id = target_practice and (target_client is null or c.id = target_client) and u.email is not null
    ), '[]')
  );
end
$$;
