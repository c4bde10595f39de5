-- The two invitation acceptances (a practice's team, a client's portal) found their invitation by
-- the same token hash and judged the caller's address the same way, each written out in full.
-- Both now call the private helpers below; what they accept and refuse, and every hint, is unchanged.
-- Replaces public.accept_practice_invitation(text) and public.accept_portal_invitation(text)
-- (last defined in 20261205100000_membership_by_consent.sql).

create function private.invitation_token_hash(token text)
returns text
language sql immutable set search_path = ''
as $$
  select encode(extensions.digest(convert_to(coalesce(token, ''), 'UTF8'), 'sha256'), 'hex')
$$;
comment on function private.invitation_token_hash(text) is
  'The hex SHA-256 an invitation stores instead of its token (a null token hashes as the empty string, which matches nothing).';
revoke execute on function private.invitation_token_hash(text) from public, anon, authenticated;

create function private.is_callers_verified_email(invited_email text)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from auth.users u
                 where u.id = (select auth.uid()) and lower(u.email) = invited_email and u.email_confirmed_at is not null)
$$;
comment on function private.is_callers_verified_email(text) is
  'Whether the signed-in caller''s login has this (lower-case) address and has confirmed it: an invitation is only ever accepted by the address it was sent to.';
revoke execute on function private.is_callers_verified_email(text) from public, anon, authenticated;

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
  where i.token_hash = private.invitation_token_hash(token)
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
  if not private.is_callers_verified_email(inv.email) then
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

create or replace function public.accept_portal_invitation(token text)
returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  inv public.portal_invitations%rowtype;
begin
  if uid is null then
    raise exception 'Not signed in' using errcode = '42501';
  end if;

  select * into inv
  from public.portal_invitations i
  where i.token_hash = private.invitation_token_hash(token)
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
  if not private.is_callers_verified_email(inv.email) then
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
