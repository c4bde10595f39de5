-- An erasure locks what it erases before it deletes anything, and its record keeps no ids.
--
-- Before: files were removed before rows, and nothing stopped a write landing in between (an
-- upload arriving mid-erasure survived it). Now an open erasure job is a lock: every insert or
-- update of a row of that practice (or, for one client, of that client) is refused, whoever
-- writes, the service role included; the job then deletes rows, then sweeps the files.
-- Rows changed by the erasure's own cascade (ON DELETE SET NULL) run as nested triggers and pass.
-- The audit trail and the outbox stay writable: refused attempts and the receipt go there.

create function private.refuse_writes_while_erasing()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if pg_trigger_depth() > 1 or not exists (select 1 from private.practice_deletions d where d.completed_at is null) then
    return null;
  end if;
  if exists (
    select 1
    from (select to_jsonb(r) as row from changed_rows r) c
    join private.practice_deletions d
      on d.completed_at is null
     and d.practice_id = coalesce((c.row ->> 'practice_id')::uuid, case when tg_table_name = 'practices' then (c.row ->> 'id')::uuid end)
     and (d.scope = 'practice'
          or d.client_id = case when tg_table_name = 'clients' then (c.row ->> 'id')::uuid else (c.row ->> 'client_id')::uuid end)
  ) then
    raise exception 'This record is being deleted: nothing can be added to it or changed' using errcode = '55000';
  end if;
  return null;
end
$$;
comment on function private.refuse_writes_while_erasing() is
  'Refuses inserts and updates of rows whose practice (or client) has an open erasure job.';

do $$
declare
  t text;
begin
  for t in
    select c.relname
    from pg_class c
    join pg_namespace s on s.oid = c.relnamespace
    where s.nspname = 'public' and c.relkind = 'r'
      and (c.relname = 'practices'
           or exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'practice_id' and not a.attisdropped))
      and c.relname not in ('audit_log', 'notifications')
  loop
    execute format('create trigger %I after insert on public.%I referencing new table as changed_rows
                    for each statement execute function private.refuse_writes_while_erasing()', t || '_erasure_lock_insert', t);
    execute format('create trigger %I after update on public.%I referencing new table as changed_rows
                    for each statement execute function private.refuse_writes_while_erasing()', t || '_erasure_lock_update', t);
  end loop;
end
$$;

-- Storage is locked as well: while a practice or client is being erased, no object can be added
-- under its prefix. (Only the server writes objects now, and it checks the row first; this holds
-- even for a write that raced that check.)
create function public.erasure_in_progress(object_name text)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from private.practice_deletions d
    where d.completed_at is null
      and starts_with(object_name, d.practice_id::text || '/' || coalesce(d.client_id::text || '/', ''))
  )
$$;
comment on function public.erasure_in_progress(text) is
  'Service role: whether an object name lies under a practice or client that is being erased.';
revoke execute on function public.erasure_in_progress(text) from public, anon, authenticated;
grant execute on function public.erasure_in_progress(text) to service_role;

-- Done jobs keep only the hash, counts and timestamps: who asked and which logins went are
-- cleared with the subject's ids.
create or replace function public.erasure_job_save(job_id uuid, patch jsonb)
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
      receipt = next_row.receipt,
      requested_by = case when next_row.completed_at is null then d.requested_by end,
      logins = case when next_row.completed_at is null then d.logins else '{}' end
  where d.id = job_id
  returning * into next_row;
  return to_jsonb(next_row);
end
$$;

update private.practice_deletions set requested_by = null, logins = '{}' where completed_at is not null;
comment on column private.practice_deletions.requested_by is
  'The owner or admin who confirmed the erasure (no FK: her login may be among those removed); cleared when the job is done.';
comment on column private.practice_deletions.logins is
  'Logins to remove: those the practice brought into being and used nowhere else, decided before deletion; cleared when the job is done.';
comment on column private.practice_deletions.step is
  'The next step to run; a re-run resumes here. billing → records → storage → logins → notify → done.';
