-- Tasks: a practice's small to-do list, each one optionally about a client. Members only: a task is
-- the practice's working note and never reaches the portal (no client policy at all).

create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  client_id uuid,
  title text not null check (length(btrim(title)) between 1 and 200),
  due_on date,
  assignee_id uuid,
  done_at timestamptz,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (practice_id, client_id) references public.clients (practice_id, id) on delete cascade,
  foreign key (practice_id, assignee_id) references public.practice_members (practice_id, user_id) on delete set null (assignee_id)
);
comment on table public.tasks is 'The practice''s to-do list; a task may be about one client. Members only, never shown in the portal.';
comment on column public.tasks.client_id is 'The client the task is about (same practice, composite FK); null for a practice task.';
comment on column public.tasks.title is 'What to do, 1 to 200 characters.';
comment on column public.tasks.due_on is 'The day it is due, in the practice''s calendar; null when it has no date.';
comment on column public.tasks.assignee_id is 'The member who should do it (same practice); cleared when they leave.';
comment on column public.tasks.done_at is 'When it was ticked off; null while open.';
comment on column public.tasks.created_by is 'Who added it; null when an automation did.';
create index tasks_practice_open_idx on public.tasks (practice_id, due_on) where done_at is null;
create index tasks_client_idx on public.tasks (practice_id, client_id);
create index tasks_assignee_idx on public.tasks (practice_id, assignee_id);
create index tasks_created_by_idx on public.tasks (created_by);

create trigger tasks_guard_immutable before update on public.tasks
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'created_by', 'created_at');
create trigger tasks_touch_updated_at before update on public.tasks
  for each row execute function private.touch_updated_at();
create trigger tasks_erasure_lock_insert after insert on public.tasks
  referencing new table as changed_rows for each statement execute function private.refuse_writes_while_erasing();
create trigger tasks_erasure_lock_update after update on public.tasks
  referencing new table as changed_rows for each statement execute function private.refuse_writes_while_erasing();
-- A practice whose subscription ended is read-only: no new or changed to-dos by people.
create trigger tasks_refuse_when_read_only before insert or update on public.tasks
  for each row execute function private.refuse_writes_when_read_only();

alter table public.tasks enable row level security;
grant select, insert, update, delete on public.tasks to authenticated;
grant select, insert, update, delete on public.tasks to service_role;

create policy "tasks: members read their practice's" on public.tasks
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())));
create policy "tasks: members add to their practice's" on public.tasks
  for insert to authenticated
  with check (practice_id = any(array(select private.practice_ids_for_user())));
create policy "tasks: members change their practice's" on public.tasks
  for update to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())))
  with check (practice_id = any(array(select private.practice_ids_for_user())));
create policy "tasks: members remove their practice's" on public.tasks
  for delete to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())));
