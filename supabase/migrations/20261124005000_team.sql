-- The team page: members listed with their profiles in one read, and invitation acceptance that
-- says why a link cannot be used.

-- The team list in one read: each membership with its profile. A function rather than a view so
-- the practice_id-keyed table inventory (cascade, RLS matrix) stays tables only. Security invoker:
-- the RLS of both tables applies to the caller (members see their practices' rows and their
-- colleagues' profiles, nothing else). A left join: a membership whose profile is missing still lists.
create function public.list_practice_team(p_practice_id uuid)
returns table (user_id uuid, role text, full_name text, email text)
language sql stable security invoker set search_path = ''
as $$
  select m.user_id, m.role, p.full_name, p.email
  from public.practice_members m
  left join public.profiles p on p.id = m.user_id
  where m.practice_id = p_practice_id
$$;
comment on function public.list_practice_team(uuid) is
  'Members of a practice with their names and emails, under the caller''s RLS (empty for non-members).';
revoke execute on function public.list_practice_team(uuid) from public, anon;
grant execute on function public.list_practice_team(uuid) to authenticated, service_role;

-- Same contract as before (single use, unexpired, for the caller's email), but each refusal
-- carries a machine-readable hint (PostgREST returns it as `hint`) so the accept page can tell
-- the person what to do. The hint reveals nothing to someone without the token: an unknown token
-- is reported as such whoever asks.
create or replace function public.accept_practice_invitation(token text)
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
  if not found then
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002', hint = 'unknown';
  end if;
  if inv.accepted_at is not null then
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002', hint = 'used';
  end if;
  if inv.expires_at <= now() then
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002', hint = 'expired';
  end if;
  if inv.email <> user_email then
    raise exception 'Invitation is invalid or has expired' using errcode = 'P0002', hint = 'wrong_account';
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
  'Joins the caller to the inviting practice when the token matches an unexpired invitation for their email; single use. Refusals carry hint unknown / used / expired / wrong_account.';
