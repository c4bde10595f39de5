-- Issue 19, defect 1: a client who signed in through the doula login was offered "Create my
-- practice" and became an owner. A portal login never gets a practice of its own: the dashboard
-- sends it to the portal, and complete_onboarding() refuses it here, whatever calls it.

-- A login is a portal login when a practice's client record is linked to it, a portal invitation
-- created it (so a revoked client stays one), or it accepted a portal invitation.
create function private.is_portal_login(login uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.clients c where c.portal_user_id = login)
    or exists (select 1 from private.login_origins o where o.user_id = login and o.client_id is not null)
    or exists (
      select 1 from public.portal_invitations i join auth.users u on u.id = login
      where i.accepted_at is not null and i.email = lower(u.email)
    )
$$;
comment on function private.is_portal_login(uuid) is
  'True for a login that is, or was, some practice''s portal client: such a login never onboards a practice.';
revoke execute on function private.is_portal_login(uuid) from public, anon, authenticated;

-- What the dashboard asks before offering onboarding: is the caller a portal login without a practice?
create function public.is_portal_only_login()
returns boolean
language sql stable security definer set search_path = ''
as $$
  select (select auth.uid()) is not null
    and not exists (select 1 from public.practice_members m where m.user_id = (select auth.uid()))
    and private.is_portal_login((select auth.uid()))
$$;
comment on function public.is_portal_only_login() is
  'The caller is some practice''s portal client and a member of none: the dashboard sends her to the portal.';
revoke execute on function public.is_portal_only_login() from public, anon;
grant execute on function public.is_portal_only_login() to authenticated;

create or replace function public.complete_onboarding()
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

  if private.is_portal_login(uid) then
    raise exception 'A client portal login cannot open a practice'
      using errcode = '42501', hint = 'portal_login';
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
  'Creates the caller''s profile, practice and owner membership once; later or concurrent calls return the existing practice. Refuses portal logins (hint portal_login).';
