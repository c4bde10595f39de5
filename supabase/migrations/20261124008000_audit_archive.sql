-- Audit retention in two tiers: rows stay in public.audit_log for 12 months, then the daily cron
-- copies them to a private Storage bucket (one NDJSON object per batch, under
-- `<practice_id>/<yyyy-mm>/`) and deletes exactly the copied rows. Archive objects are kept until
-- their month is six years old. A practice's archive is part of its data: exported with it and
-- removed by its erasure.
--
-- Crash safety comes from a ledger of the one open batch: its row ids are fixed when it is
-- opened, its object name derives from its id, and the rows are deleted in the same transaction
-- that closes it. A run that dies between upload and delete finds the batch still open, uploads
-- the same content to the same name again, and then deletes: no duplicate, no loss.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('audit-archive', 'audit-archive', false, 52428800, array['application/x-ndjson'])
on conflict (id) do nothing;

create table private.audit_archive_batches (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid references public.practices (id) on delete cascade,
  month text not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
  row_ids bigint[] not null check (cardinality(row_ids) > 0),
  created_at timestamptz not null default now()
);
comment on table private.audit_archive_batches is
  'Audit rows being moved to the audit-archive bucket: a batch exists from its selection until its rows are deleted.';
comment on column private.audit_archive_batches.practice_id is 'The practice whose rows these are (null for practice-less system rows).';
comment on column private.audit_archive_batches.month is 'UTC month (yyyy-mm) every row of the batch occurred in; the object lives under it.';
comment on column private.audit_archive_batches.row_ids is 'Exactly the audit_log ids this batch archives and then deletes.';
create index audit_archive_batches_practice_idx on private.audit_archive_batches (practice_id);
alter table private.audit_archive_batches enable row level security;
revoke all on private.audit_archive_batches from public, anon, authenticated, service_role;

create function private.audit_archive_object_name(batch private.audit_archive_batches)
returns text
language sql immutable set search_path = ''
as $$
  select coalesce(batch.practice_id::text, 'system') || '/' || batch.month || '/' || batch.id::text || '.ndjson'
$$;
revoke execute on function private.audit_archive_object_name(private.audit_archive_batches) from public;

-- The open batch (a crashed run's, first), or a new one: the oldest row past 12 months decides
-- the practice and month, and up to max_rows rows of that practice and month join it.
create function public.audit_archive_next(max_rows integer)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  cutoff timestamptz := now() - interval '12 months';
  batch private.audit_archive_batches;
  oldest public.audit_log;
  month_start timestamptz;
begin
  perform pg_advisory_xact_lock(hashtextextended('doulaos.audit_archive', 0));
  select * into batch from private.audit_archive_batches b order by b.created_at, b.id limit 1;
  if not found then
    select * into oldest from public.audit_log a where a.occurred_at < cutoff order by a.occurred_at, a.id limit 1;
    if not found then
      return null;
    end if;
    month_start := date_trunc('month', oldest.occurred_at, 'UTC');
    insert into private.audit_archive_batches (practice_id, month, row_ids)
    values (
      oldest.practice_id,
      to_char(month_start at time zone 'UTC', 'YYYY-MM'),
      array(select a.id from public.audit_log a
            where a.practice_id is not distinct from oldest.practice_id
              and a.occurred_at >= month_start
              and a.occurred_at < least(cutoff, month_start + interval '1 month')
            order by a.id
            limit least(greatest(max_rows, 1), 5000)))
    returning * into batch;
  end if;
  return jsonb_build_object(
    'id', batch.id,
    'object_name', private.audit_archive_object_name(batch),
    'rows', (select coalesce(jsonb_agg(to_jsonb(a) order by a.id), '[]') from public.audit_log a where a.id = any(batch.row_ids)));
end
$$;
comment on function public.audit_archive_next(integer) is
  'Retention cron: the audit batch to archive next (the open one if a run was interrupted), with its rows; null when nothing is past 12 months.';
revoke execute on function public.audit_archive_next(integer) from public, anon, authenticated;
grant execute on function public.audit_archive_next(integer) to service_role;

-- Call only after the batch's object is stored: deletes exactly its rows and closes it, atomically.
create function public.audit_archive_commit(batch_id uuid)
returns bigint
language plpgsql volatile security definer set search_path = ''
as $$
declare
  removed bigint;
begin
  perform pg_advisory_xact_lock(hashtextextended('doulaos.audit_archive', 0));
  perform set_config('doulaos.audit_purge', 'on', true);
  delete from public.audit_log a
  using private.audit_archive_batches b
  where b.id = batch_id and a.id = any(b.row_ids);
  get diagnostics removed = row_count;
  perform set_config('doulaos.audit_purge', 'off', true);
  delete from private.audit_archive_batches b where b.id = batch_id;
  return removed;
end
$$;
comment on function public.audit_archive_commit(uuid) is
  'Retention cron: after the batch''s object is stored, deletes exactly the archived audit rows and closes the batch.';
revoke execute on function public.audit_archive_commit(uuid) from public, anon, authenticated;
grant execute on function public.audit_archive_commit(uuid) to service_role;

-- A month's object may go once the whole month is six years old.
create function public.audit_archive_expired(max_names integer)
returns setof text
language sql stable security definer set search_path = ''
as $$
  select o.name from storage.objects o
  where o.bucket_id = 'audit-archive'
    and split_part(o.name, '/', 2) ~ '^[0-9]{4}-[0-9]{2}$'
    and split_part(o.name, '/', 2) < to_char((now() - interval '6 years') at time zone 'UTC', 'YYYY-MM')
  order by o.name
  limit least(greatest(max_names, 1), 1000)
$$;
comment on function public.audit_archive_expired(integer) is
  'Retention cron: archive objects whose month is more than six years old, for removal through the Storage API.';
revoke execute on function public.audit_archive_expired(integer) from public, anon, authenticated;
grant execute on function public.audit_archive_expired(integer) to service_role;

create function public.audit_archive_objects(target_practice uuid, after_name text, max_names integer)
returns table (name text, size bigint)
language sql stable security definer set search_path = ''
as $$
  select o.name, coalesce((o.metadata ->> 'size')::bigint, 0)
  from storage.objects o
  where o.bucket_id = 'audit-archive' and starts_with(o.name, target_practice::text || '/')
    and o.name > coalesce(after_name, '')
  order by o.name
  limit least(greatest(max_names, 1), 1000)
$$;
comment on function public.audit_archive_objects(uuid, text, integer) is
  'Service role: a practice''s archived audit objects by name after a cursor, for its export and its erasure.';
revoke execute on function public.audit_archive_objects(uuid, text, integer) from public, anon, authenticated;
grant execute on function public.audit_archive_objects(uuid, text, integer) to service_role;
