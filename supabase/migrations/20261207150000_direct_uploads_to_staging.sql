-- Uploads go straight from the browser to Storage, never through the app's function (Vercel refuses
-- request bodies over 4.5 MB), and the server still checks every file before it becomes a document.
--
--   * `incoming` is a private staging bucket. A person may only ADD an object, with her own session,
--     under `<practice_id>/<her user id>/<name>` of a practice she is a member or portal client of,
--     while that practice is writable (not read-only, not being erased). RLS checks the write as it
--     happens. Only a direct upload is admitted (`storage.operation` = 'storage.object.upload'):
--     signing an upload URL (a two-hour capability that Storage honours without checking again),
--     upserting or replacing are refused. Nobody may read, list, move or delete a staged object.
--   * The server (service role) completes an upload: it reads the first bytes and the size, checks
--     them as before, moves the object into `client-files` and writes the documents row, or removes it.
--   * Objects never completed are removed by the retention cron; an erasure sweeps them too.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('incoming', 'incoming', false, 20971520, array['application/pdf', 'image/jpeg', 'image/png', 'image/heic']);

-- The one rule a staged write must pass; security definer so it can read memberships, the billing
-- state and the erasure ledger that the caller cannot see.
create function private.may_stage_object(object_name text)
returns boolean
language plpgsql stable security definer set search_path = ''
as $$
declare
  parts text[] := string_to_array(object_name, '/');
  practice uuid;
  caller uuid := (select auth.uid());
begin
  if caller is null or array_length(parts, 1) <> 3 or parts[2] <> caller::text or parts[3] = '' then
    return false;
  end if;
  begin
    practice := parts[1]::uuid;
  exception when others then
    return false;
  end;
  return (exists (select 1 from public.practice_members m where m.practice_id = practice and m.user_id = caller)
          or exists (select 1 from public.clients c where c.practice_id = practice and c.portal_user_id = caller))
    and not private.practice_is_read_only(practice)
    -- Being erased: the whole practice, or the client who is staging (another client's erasure
    -- does not stop the practice; completing checks the record being written to).
    and not exists (select 1 from private.practice_deletions d
                    where d.completed_at is null and d.practice_id = practice
                      and (d.client_id is null
                           or d.client_id in (select c.id from public.clients c where c.practice_id = practice and c.portal_user_id = caller)));
end
$$;
comment on function private.may_stage_object(text) is
  'Whether the caller may add this staged object: <practice>/<her id>/<name>, her practice (member or portal client), writable and not being erased.';
revoke execute on function private.may_stage_object(text) from public, anon;
grant execute on function private.may_stage_object(text) to authenticated;

create policy "incoming: a person adds a file under her own practice and login, by a direct upload"
  on storage.objects for insert to authenticated
  with check (
    bucket_id = 'incoming'
    and (select current_setting('storage.operation', true)) = 'storage.object.upload'
    and private.may_stage_object(name)
  );

-- Staged objects the retention cron removes: those older than the cutoff.
create function public.stale_staging_names(older_than timestamptz, max_names integer)
returns setof text
language sql stable security definer set search_path = ''
as $$
  select o.name from storage.objects o
  where o.bucket_id = 'incoming' and o.created_at < older_than
  order by o.created_at, o.name
  limit least(greatest(max_names, 1), 1000)
$$;
comment on function public.stale_staging_names(timestamptz, integer) is
  'Service role: staged uploads never completed, created before the cutoff, for removal through the Storage API.';

-- Staged objects an erasure removes: under the practice, or under one login of the practice.
create function public.erasure_staging_names(prefix text, max_names integer)
returns setof text
language sql stable security definer set search_path = ''
as $$
  select o.name from storage.objects o
  where o.bucket_id = 'incoming' and starts_with(o.name, prefix) and length(prefix) >= 37
  order by o.name
  limit least(greatest(max_names, 1), 1000)
$$;
comment on function public.erasure_staging_names(text, integer) is
  'Service role: the next staged uploads under a practice (or practice/login) prefix, for removal through the Storage API.';

revoke execute on function public.stale_staging_names(timestamptz, integer), public.erasure_staging_names(text, integer)
  from public, anon, authenticated;
grant execute on function public.stale_staging_names(timestamptz, integer), public.erasure_staging_names(text, integer)
  to service_role;
