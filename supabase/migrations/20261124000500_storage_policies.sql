-- Object policies for the private client-files bucket. Names are <practice_id>/<client_id>/<file>;
-- the policies mirror the documents table: members of the practice may do everything under its
-- prefix; a portal client may read the objects of documents shared with her and upload, read and
-- remove her own uploads under her own client prefix.

create function private.client_folders_for_user()
returns setof text
language sql stable security definer set search_path = ''
as $$
  select c.practice_id::text || '/' || c.id::text
  from public.clients c
  where c.portal_user_id = (select auth.uid())
$$;
comment on function private.client_folders_for_user() is 'The <practice_id>/<client_id> prefixes of the current user''s client records.';

create function private.practice_folders_for_user()
returns setof text
language sql stable security definer set search_path = ''
as $$
  select m.practice_id::text
  from public.practice_members m
  where m.user_id = (select auth.uid())
$$;
comment on function private.practice_folders_for_user() is 'The top-level folders (practice ids) the current user may manage.';

create function private.shared_document_paths_for_user()
returns setof text
language sql stable security definer set search_path = ''
as $$
  select d.storage_path
  from public.documents d
  join public.clients c on c.practice_id = d.practice_id and c.id = d.client_id
  where c.portal_user_id = (select auth.uid()) and d.shared_with_client
$$;
comment on function private.shared_document_paths_for_user() is 'Object names of documents shared with the current user as a client.';

grant execute on function private.client_folders_for_user(), private.practice_folders_for_user(),
  private.shared_document_paths_for_user() to authenticated, service_role;

create policy "client-files: members read their practice's objects, clients shared ones and their uploads" on storage.objects
  for select to authenticated
  using (bucket_id = 'client-files' and (
    (storage.foldername(name))[1] = any(array(select private.practice_folders_for_user()))
    or name = any(array(select private.shared_document_paths_for_user()))
    or (owner_id = (select auth.uid()::text)
        and array_to_string((storage.foldername(name))[1:2], '/') = any(array(select private.client_folders_for_user())))));

create policy "client-files: members upload under their practice, clients under their own folder" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'client-files' and array_length(storage.foldername(name), 1) >= 2 and (
    (storage.foldername(name))[1] = any(array(select private.practice_folders_for_user()))
    or array_to_string((storage.foldername(name))[1:2], '/') = any(array(select private.client_folders_for_user()))));

create policy "client-files: members can replace and move their practice's objects" on storage.objects
  for update to authenticated
  using (bucket_id = 'client-files'
         and (storage.foldername(name))[1] = any(array(select private.practice_folders_for_user())))
  with check (bucket_id = 'client-files' and array_length(storage.foldername(name), 1) >= 2
              and (storage.foldername(name))[1] = any(array(select private.practice_folders_for_user())));

create policy "client-files: members remove their practice's objects, clients their own uploads" on storage.objects
  for delete to authenticated
  using (bucket_id = 'client-files' and (
    (storage.foldername(name))[1] = any(array(select private.practice_folders_for_user()))
    or (owner_id = (select auth.uid()::text)
        and array_to_string((storage.foldername(name))[1:2], '/') = any(array(select private.client_folders_for_user())))));
