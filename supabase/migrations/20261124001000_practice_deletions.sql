-- Erasure of a practice or of one client: a resumable job recorded in a ledger, plus the
-- service-role functions it needs (inventory before anything is deleted, object listing, the
-- re-check of logins still in use).
--
-- The ledger lives in `private`: it outlives the practice, so it has no practice FK, and it is no
-- tenant data for the API to expose.

create table private.practice_deletions (
  id uuid primary key default gen_random_uuid(),
  scope text not null check (scope in ('practice', 'client')),
  subject_hash text not null check (subject_hash ~ '^[0-9a-f]{64}$'),
  practice_id uuid,
  client_id uuid,
  requested_by uuid,
  step text not null default 'billing' check (step in ('billing', 'storage', 'records', 'logins', 'notify', 'done')),
  counts jsonb not null check (jsonb_typeof(counts) = 'object'),
  files_total integer not null check (files_total >= 0),
  files_removed integer not null default 0 check (files_removed >= 0),
  logins uuid[] not null default '{}',
  logins_removed integer not null default 0 check (logins_removed >= 0),
  receipt jsonb not null default '{}' check (jsonb_typeof(receipt) = 'object'),
  billing text check (billing in ('no billing', 'cancelled')),
  attempts integer not null default 0 check (attempts >= 0),
  last_error text check (length(last_error) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz,
  check ((scope = 'client') = (client_id is not null) or completed_at is not null),
  check (completed_at is null or step = 'done')
);
comment on table private.practice_deletions is
  'Ledger of erasure jobs. Outlives the practice (no FKs); once done only the hash, counts and timestamps remain.';
comment on column private.practice_deletions.scope is 'practice: the whole account; client: one client of the practice.';
comment on column private.practice_deletions.subject_hash is 'sha256 hex of "<practice_id>" or "<practice_id>/<client_id>": lets a backup restore re-apply the erasure without keeping the id.';
comment on column private.practice_deletions.practice_id is 'The practice being erased; cleared when the job is done.';
comment on column private.practice_deletions.client_id is 'The client being erased (scope client); cleared when the job is done.';
comment on column private.practice_deletions.requested_by is 'The owner or admin who confirmed the erasure (no FK: her login may be among those removed).';
comment on column private.practice_deletions.step is 'The next step to run; a re-run resumes here. billing → storage → records → logins → notify → done.';
comment on column private.practice_deletions.counts is 'Rows per table, counted before anything was deleted; the receipt reports these.';
comment on column private.practice_deletions.files_total is 'Storage objects under the prefix before anything was deleted.';
comment on column private.practice_deletions.files_removed is 'Objects removed so far through the Storage API.';
comment on column private.practice_deletions.logins is 'Logins to remove: those that belonged to this practice (or client) only, decided before deletion.';
comment on column private.practice_deletions.logins_removed is 'Logins removed so far.';
comment on column private.practice_deletions.receipt is 'Who gets the receipt and notices (practice name, emails); cleared when the job is done.';
comment on column private.practice_deletions.billing is 'What happened to billing: no billing, or cancelled.';
comment on column private.practice_deletions.attempts is 'Runs started, including resumed ones.';
comment on column private.practice_deletions.last_error is 'The error that stopped the last run, if any (no personal data).';
create unique index practice_deletions_one_open_per_subject on private.practice_deletions (subject_hash) where completed_at is null;
create index practice_deletions_requested_by_idx on private.practice_deletions (requested_by);
create index practice_deletions_practice_idx on private.practice_deletions (practice_id);

create trigger practice_deletions_touch_updated_at before update on private.practice_deletions
  for each row execute function private.touch_updated_at();

-- Not in an exposed schema: the API reaches the ledger only through the service-role functions
-- below. RLS is on with no policy, so even a stray grant would show nothing.
alter table private.practice_deletions enable row level security;
revoke all on private.practice_deletions from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Inventory: what an erasure will destroy, counted from the catalog so new tables are covered.
-- ---------------------------------------------------------------------------------------------

create function public.erasure_inventory(target_practice uuid, target_client uuid default null)
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
    'logins', coalesce((
      select jsonb_agg(distinct u.id)
      from (
        select m.user_id as id from public.practice_members m
        where target_client is null and m.practice_id = target_practice
        union
        select c.portal_user_id from public.clients c
        where c.practice_id = target_practice and c.portal_user_id is not null
          and (target_client is null or c.id = target_client)
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
comment on function public.erasure_inventory(uuid, uuid) is
  'Service role: rows per table, files and logins an erasure of the practice (or of one client) would remove.';
revoke execute on function public.erasure_inventory(uuid, uuid) from public, anon, authenticated;
grant execute on function public.erasure_inventory(uuid, uuid) to service_role;

create function public.erasure_object_names(prefix text, max_names integer)
returns setof text
language sql stable security definer set search_path = ''
as $$
  select o.name from storage.objects o
  where o.bucket_id = 'client-files' and starts_with(o.name, prefix) and length(prefix) >= 37
  order by o.name
  limit least(greatest(max_names, 1), 1000)
$$;
comment on function public.erasure_object_names(text, integer) is
  'Service role: the next objects under a practice (or client) prefix, for removal through the Storage API.';
revoke execute on function public.erasure_object_names(text, integer) from public, anon, authenticated;
grant execute on function public.erasure_object_names(text, integer) to service_role;

create function public.logins_still_in_use(user_ids uuid[])
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select u from unnest(user_ids) u
  where exists (select 1 from public.practice_members m where m.user_id = u)
     or exists (select 1 from public.clients c where c.portal_user_id = u)
$$;
comment on function public.logins_still_in_use(uuid[]) is
  'Service role: which of these logins are still a member or a portal client somewhere (and so must be kept).';
revoke execute on function public.logins_still_in_use(uuid[]) from public, anon, authenticated;
grant execute on function public.logins_still_in_use(uuid[]) to service_role;

-- ---------------------------------------------------------------------------------------------
-- The ledger's API: open (or find) a job, read it, record progress. Service role only.
-- ---------------------------------------------------------------------------------------------

create function public.erasure_open(
  erase_scope text,
  erase_practice uuid,
  erase_client uuid,
  requester uuid,
  requester_email text,
  practice_name text
)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  hash text;
  inventory jsonb;
  job private.practice_deletions;
begin
  if erase_scope is null or erase_scope not in ('practice', 'client')
     or (erase_scope = 'client') <> (erase_client is not null) or erase_practice is null then
    raise exception 'Invalid erasure target' using errcode = '22023';
  end if;
  hash := encode(sha256(convert_to(erase_practice::text || coalesce('/' || erase_client::text, ''), 'UTF8')), 'hex');
  -- Two confirmations at once: the second waits here and then finds the first one's job.
  perform pg_advisory_xact_lock(hashtextextended(hash, 0));
  select * into job from private.practice_deletions d where d.subject_hash = hash and d.completed_at is null;
  if found then
    return to_jsonb(job);
  end if;
  inventory := public.erasure_inventory(erase_practice, erase_client);
  insert into private.practice_deletions
    (scope, subject_hash, practice_id, client_id, requested_by, counts, files_total, logins, receipt)
  values (
    erase_scope, hash, erase_practice, erase_client, requester, inventory -> 'tables', (inventory ->> 'files')::integer,
    array(select jsonb_array_elements_text(inventory -> 'logins')::uuid),
    jsonb_build_object('practiceName', practice_name, 'requesterEmail', requester_email,
                       'portalEmails', inventory -> 'portal_emails', 'prefix', inventory ->> 'prefix'))
  returning * into job;
  return to_jsonb(job);
end
$$;
comment on function public.erasure_open(text, uuid, uuid, uuid, text, text) is
  'Service role: records an erasure with everything counted before anything is deleted, or returns the open job for the same subject.';
revoke execute on function public.erasure_open(text, uuid, uuid, uuid, text, text) from public, anon, authenticated;
grant execute on function public.erasure_open(text, uuid, uuid, uuid, text, text) to service_role;

create function public.erasure_job(job_id uuid)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select to_jsonb(d) from private.practice_deletions d where d.id = job_id
$$;
comment on function public.erasure_job(uuid) is 'Service role: one erasure job of the ledger.';
revoke execute on function public.erasure_job(uuid) from public, anon, authenticated;
grant execute on function public.erasure_job(uuid) to service_role;

create function public.erasure_job_save(job_id uuid, patch jsonb)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  current_row private.practice_deletions;
  next_row private.practice_deletions;
begin
  -- What was counted and decided before deletion is the receipt's truth: it never changes.
  if patch ?| array['id', 'scope', 'subject_hash', 'requested_by', 'counts', 'files_total', 'logins', 'created_at'] then
    raise exception 'These ledger fields are fixed once recorded' using errcode = '42501';
  end if;
  select * into current_row from private.practice_deletions d where d.id = job_id for update;
  if not found then
    raise exception 'No such erasure job' using errcode = 'P0002';
  end if;
  next_row := jsonb_populate_record(current_row, patch);
  update private.practice_deletions d
  set step = next_row.step, billing = next_row.billing, files_removed = next_row.files_removed,
      logins_removed = next_row.logins_removed, attempts = next_row.attempts, last_error = next_row.last_error,
      completed_at = next_row.completed_at, practice_id = next_row.practice_id, client_id = next_row.client_id,
      receipt = next_row.receipt
  where d.id = job_id
  returning * into next_row;
  return to_jsonb(next_row);
end
$$;
comment on function public.erasure_job_save(uuid, jsonb) is 'Service role: records an erasure job''s progress.';
revoke execute on function public.erasure_job_save(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.erasure_job_save(uuid, jsonb) to service_role;

create function public.erasure_stalled_jobs(idle interval)
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select d.id from private.practice_deletions d
  where d.completed_at is null and d.updated_at < now() - idle
  order by d.created_at
  limit 20
$$;
comment on function public.erasure_stalled_jobs(interval) is 'Service role: open erasure jobs nobody has touched for a while, for the cron to finish.';
revoke execute on function public.erasure_stalled_jobs(interval) from public, anon, authenticated;
grant execute on function public.erasure_stalled_jobs(interval) to service_role;
