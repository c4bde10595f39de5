-- Files and the audit trail go through the app's server, never straight from a browser.
--
-- Before: members and clients could mint signed upload URLs (2 hours, with overwrite) and download
-- URLs of any lifetime from the Storage API, so a capability outlived the access it came from (a
-- removed doula replaced a file; a URL minted before an erasure wrote under the erased prefix; a
-- revoked client kept downloading). A client could upload HTML declared as a PDF and insert a
-- documents row for it, and write any action name into her practice's audit log.
-- Now:
--   * no person has any policy on storage.objects in client-files: RLS stays on (no policy means
--     nothing) and the server stores, signs (≤ 60 s, after an RLS-checked read of the row) and
--     removes objects with the service role;
--   * documents rows are inserted by the server only, after it sniffed and measured the bytes;
--   * record_audit_event() is the server's, which names the actor and her trusted IP;
--   * the IP of a row change is the one the platform's proxy sets, not one the caller chose.

-- ---------------------------------------------------------------------------------------------
-- Storage: nothing for API callers
-- ---------------------------------------------------------------------------------------------

drop policy "client-files: members read their practice's objects, clients shared ones and their uploads" on storage.objects;
drop policy "client-files: members upload under their practice, clients under their own folder" on storage.objects;
drop policy "client-files: members can replace and move their practice's objects" on storage.objects;
drop policy "client-files: members remove their practice's objects, clients their own uploads" on storage.objects;
drop function private.client_folders_for_user();
drop function private.practice_folders_for_user();
drop function private.shared_document_paths_for_user();

-- ---------------------------------------------------------------------------------------------
-- documents: rows for checked files only
-- ---------------------------------------------------------------------------------------------

drop policy "documents: members and the client herself record uploads" on public.documents;
revoke insert on public.documents from authenticated;
comment on column public.documents.uploaded_by is
  'The login that uploaded it (set by the server, which inserts every row after checking the file); a client may delete her own uploads.';

-- ---------------------------------------------------------------------------------------------
-- The trail: written by the database (row changes) and the server (app events), never by a person
-- ---------------------------------------------------------------------------------------------

-- The platform's edge sets cf-connecting-ip to the address that connected to it, replacing any
-- value the caller sent (Supabase's API sits behind Cloudflare; the local stand-in's gateway does
-- the same). The first X-Forwarded-For hop is whatever the caller wrote, so it is never read.
create or replace function private.request_ip()
returns inet
language plpgsql stable set search_path = ''
as $$
begin
  return btrim(private.request_header('cf-connecting-ip'))::inet;
exception when others then
  return null;
end
$$;
comment on function private.request_ip() is
  'The caller''s address as the platform''s edge saw it (cf-connecting-ip, which callers cannot set); null when absent or malformed.';

drop function public.record_audit_event(uuid, text, text, uuid, text);

create function public.record_audit_event(
  practice_id uuid,
  actor_id uuid,
  action text,
  entity text,
  entity_id uuid default null,
  outcome text default 'success',
  ip inet default null,
  user_agent text default null
)
returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  actor text;
begin
  select m.role into actor from public.practice_members m
  where m.practice_id = record_audit_event.practice_id and m.user_id = record_audit_event.actor_id;
  if actor is null and exists (select 1 from public.clients c
                               where c.practice_id = record_audit_event.practice_id
                                 and c.portal_user_id = record_audit_event.actor_id) then
    actor := 'client';
  end if;
  if actor is null then
    raise exception 'Not a member or client of this practice' using errcode = '42501';
  end if;
  insert into public.audit_log (practice_id, actor_id, actor_role, action, entity, entity_id, outcome, ip, user_agent, request_id)
  values (record_audit_event.practice_id, record_audit_event.actor_id, actor, record_audit_event.action,
          record_audit_event.entity, record_audit_event.entity_id, record_audit_event.outcome,
          record_audit_event.ip, left(record_audit_event.user_agent, 512),
          left(coalesce(private.request_header('x-request-id'), private.request_header('sb-request-id')), 128));
end
$$;
comment on function public.record_audit_event(uuid, uuid, text, text, uuid, text, inet, text) is
  'Service role: records an app event (e.g. document.download) for a member or client of the practice, with the IP the app took from its platform''s trusted header. Refuses actors outside the practice (42501).';
revoke execute on function public.record_audit_event(uuid, uuid, text, text, uuid, text, inet, text) from public, anon, authenticated;
grant execute on function public.record_audit_event(uuid, uuid, text, text, uuid, text, inet, text) to service_role;
