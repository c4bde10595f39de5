-- Status-change automations: "when a journey becomes <status>, do <action>". The database fires
-- them (a trigger on journeys), so every way a status changes (board, client page, import) runs the
-- same rules. automation_runs is the proof and the history: one row per (rule, journey), unique, so
-- a rule acts at most once per journey however often the status flips back and forth. A to-do is
-- created in the same transaction; a form needs the paperwork send service (merge fields), so its
-- run is queued as 'pending' and the cron's runner sends it. Archived and completed journeys are
-- paused: no rule can name those statuses, and the runner skips a pending run whose journey has
-- since been archived or completed.

create table public.automation_rules (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  on_status text not null check (on_status in ('lead', 'consult', 'booked', 'active', 'postpartum')),
  action text not null check (action in ('send_form', 'create_task')),
  template_id uuid,
  task_title text check (task_title is null or length(btrim(task_title)) between 1 and 200),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (practice_id, id),
  foreign key (practice_id, template_id) references public.form_templates (practice_id, id) on delete cascade,
  check ((action = 'send_form' and template_id is not null and task_title is null)
      or (action = 'create_task' and task_title is not null and template_id is null))
);
comment on table public.automation_rules is 'A practice''s status-change rules: when a journey becomes on_status, send a form or create a to-do.';
comment on column public.automation_rules.on_status is 'The status that fires the rule; never complete or archived (those journeys are paused).';
comment on column public.automation_rules.action is 'send_form: send template_id to the client; create_task: a to-do titled task_title for the primary doula.';
create index automation_rules_practice_status_idx on public.automation_rules (practice_id, on_status);
create index automation_rules_template_idx on public.automation_rules (practice_id, template_id);
create index automation_rules_created_by_idx on public.automation_rules (created_by);

create trigger automation_rules_guard_immutable before update on public.automation_rules
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'created_by', 'created_at');
create trigger automation_rules_erasure_lock_insert after insert on public.automation_rules
  referencing new table as changed_rows for each statement execute function private.refuse_writes_while_erasing();
create trigger automation_rules_erasure_lock_update after update on public.automation_rules
  referencing new table as changed_rows for each statement execute function private.refuse_writes_while_erasing();
-- A practice whose subscription ended is read-only: no new or changed rules.
create trigger automation_rules_refuse_when_read_only before insert or update on public.automation_rules
  for each row execute function private.refuse_writes_when_read_only();

alter table public.automation_rules enable row level security;
grant select, insert, update, delete on public.automation_rules to authenticated;
grant select, insert, update, delete on public.automation_rules to service_role;
create policy "automation_rules: members read their practice's" on public.automation_rules
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())));
create policy "automation_rules: owners and admins add" on public.automation_rules
  for insert to authenticated
  with check (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));
create policy "automation_rules: owners and admins change" on public.automation_rules
  for update to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))))
  with check (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));
create policy "automation_rules: owners and admins remove" on public.automation_rules
  for delete to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));

create table public.automation_runs (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  rule_id uuid not null,
  journey_id uuid not null,
  state text not null check (state in ('pending', 'done', 'failed', 'skipped')),
  detail text,
  task_id uuid references public.tasks (id) on delete set null,
  form_request_id uuid references public.form_requests (id) on delete set null,
  fired_at timestamptz not null default now(),
  finished_at timestamptz,
  unique (rule_id, journey_id),
  foreign key (practice_id, rule_id) references public.automation_rules (practice_id, id) on delete cascade,
  foreign key (practice_id, journey_id) references public.journeys (practice_id, id) on delete cascade
);
comment on table public.automation_runs is 'What each rule did for each journey, and when: at most one run per (rule, journey). Members read; only the trigger and the runner write.';
comment on column public.automation_runs.state is 'pending (a form waiting for the runner), done, failed (detail says why) or skipped (the journey was paused).';
create index automation_runs_journey_idx on public.automation_runs (practice_id, journey_id, fired_at);
create index automation_runs_pending_idx on public.automation_runs (fired_at) where state = 'pending';
create index automation_runs_rule_idx on public.automation_runs (practice_id, rule_id);
create index automation_runs_task_idx on public.automation_runs (task_id);
create index automation_runs_form_request_idx on public.automation_runs (form_request_id);

create trigger automation_runs_erasure_lock_insert after insert on public.automation_runs
  referencing new table as changed_rows for each statement execute function private.refuse_writes_while_erasing();
create trigger automation_runs_erasure_lock_update after update on public.automation_runs
  referencing new table as changed_rows for each statement execute function private.refuse_writes_while_erasing();

alter table public.automation_runs enable row level security;
grant select on public.automation_runs to authenticated;
grant select, insert, update, delete on public.automation_runs to service_role;
create policy "automation_runs: members read their practice's" on public.automation_runs
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())));

-- Fires the practice's rules for a journey's new status. Security definer: the member changing the
-- status may be a doula who cannot write rules or runs; the rules are the practice's own.
create function private.fire_status_automations()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  r record;
  run_id uuid;
  new_task uuid;
begin
  if new.status in ('complete', 'archived') then
    return null;
  end if;
  for r in
    select * from public.automation_rules
    where practice_id = new.practice_id and on_status = new.status
    order by created_at, id
  loop
    insert into public.automation_runs (practice_id, rule_id, journey_id, state)
    values (new.practice_id, r.id, new.id, case r.action when 'send_form' then 'pending' else 'done' end)
    on conflict (rule_id, journey_id) do nothing
    returning id into run_id;
    continue when run_id is null;
    if r.action = 'create_task' then
      insert into public.tasks (practice_id, client_id, title, assignee_id, due_on, created_by)
      values (new.practice_id, new.client_id, r.task_title, new.primary_doula_id, null, null)
      returning id into new_task;
      update public.automation_runs set task_id = new_task, finished_at = now() where id = run_id;
    end if;
  end loop;
  return null;
end;
$$;
comment on function private.fire_status_automations() is
  'After a journey is added or changes status: claims one automation_runs row per matching rule (unique per rule and journey) and creates rule to-dos at once; forms wait as pending runs for the cron runner.';
revoke execute on function private.fire_status_automations() from public, anon, authenticated;

create trigger journeys_fire_status_automations_insert after insert on public.journeys
  for each row execute function private.fire_status_automations();
create trigger journeys_fire_status_automations_update after update of status on public.journeys
  for each row when (old.status is distinct from new.status) execute function private.fire_status_automations();
