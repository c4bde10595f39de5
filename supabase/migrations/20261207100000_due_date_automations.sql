-- Due-date automations (issue #16): an item of the practice's milestone template may carry an action
-- (send the client a message, send a form, or add a to-do for her primary doula) that runs when the
-- generated milestone's date arrives in the practice's time zone. Each generated milestone carries a
-- copy of its item's action, so changing the template later changes new journeys only.
--
-- automation_runs becomes the history of both kinds of automation. A run keeps a snapshot of what it
-- was for (status or milestone, summary, action, form), so removing a status rule or deleting a milestone sets its
-- reference to null and keeps the history instead of deleting it.
--
-- What happens when the doula changes the milestone before its date:
--   * moves its date: the action runs on the new date (the search reads the current due_on);
--   * marks it done: the action does not run, and the run says so (skipped);
--   * deletes it: its action goes with it; nothing runs and nothing is recorded.
-- After the action ran, none of these changes anything: the run stays, with its snapshot.

-- ---------------------------------------------------------------------------------------------
-- The action on a template item and on the milestones generated from it
-- ---------------------------------------------------------------------------------------------

alter table public.milestone_template_items
  add column action text check (action in ('send_message', 'send_form', 'create_task')),
  add column action_message text check (action_message is null or length(btrim(action_message)) between 1 and 2000),
  add column action_form_template_id uuid,
  add column action_task_title text check (action_task_title is null or length(btrim(action_task_title)) between 1 and 200),
  add foreign key (practice_id, action_form_template_id) references public.form_templates (practice_id, id)
    on delete set null (action_form_template_id),
  add constraint milestone_template_items_action_shape check (
    (action is null and action_message is null and action_form_template_id is null and action_task_title is null)
    or (action = 'send_message' and action_message is not null and action_form_template_id is null and action_task_title is null)
    or (action = 'send_form' and action_message is null and action_task_title is null)
    or (action = 'create_task' and action_task_title is not null and action_message is null and action_form_template_id is null));
comment on column public.milestone_template_items.action is
  'What happens on the generated milestone''s date: send_message (action_message), send_form (action_form_template_id) or create_task (action_task_title); null for nothing.';
comment on column public.milestone_template_items.action_form_template_id is 'The form to send; null after that form was deleted (the run then fails and says so).';
create index milestone_template_items_action_form_idx on public.milestone_template_items (practice_id, action_form_template_id);

alter table public.milestones
  add column action text check (action in ('send_message', 'send_form', 'create_task')),
  add column action_message text check (action_message is null or length(btrim(action_message)) between 1 and 2000),
  add column action_form_template_id uuid,
  add column action_task_title text check (action_task_title is null or length(btrim(action_task_title)) between 1 and 200),
  add column action_fired_at timestamptz,
  add foreign key (practice_id, action_form_template_id) references public.form_templates (practice_id, id)
    on delete set null (action_form_template_id),
  add constraint milestones_action_shape check (
    (action is null and action_message is null and action_form_template_id is null and action_task_title is null)
    or (action = 'send_message' and action_message is not null and action_form_template_id is null and action_task_title is null)
    or (action = 'send_form' and action_message is null and action_task_title is null)
    or (action = 'create_task' and action_task_title is not null and action_message is null and action_form_template_id is null));
comment on column public.milestones.action is 'Copied from the template item: what the runner does when due_on arrives in the practice''s zone.';
comment on column public.milestones.action_fired_at is 'When the runner acted on (or skipped) the action; null while it has not run. Set only by the runner.';
create index milestones_action_form_idx on public.milestones (practice_id, action_form_template_id);
-- What has not run yet, by date: the runner's search reads only this index.
create index milestones_action_due_idx on public.milestones (due_on, id) where action is not null and action_fired_at is null;

-- People write milestones through RLS; the action and its run mark are the runner's. A member may
-- give a new milestone an action (add_journey copies the template's), never a run mark, and never
-- change either afterwards.
create function private.guard_milestone_action()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  if tg_op = 'INSERT' then
    if new.action_fired_at is not null then
      raise exception 'milestones.action_fired_at is set by the runner' using errcode = '42501';
    end if;
  elsif (new.action, new.action_message, new.action_form_template_id, new.action_task_title, new.action_fired_at)
        is distinct from (old.action, old.action_message, old.action_form_template_id, old.action_task_title, old.action_fired_at) then
    raise exception 'A milestone''s automation cannot be changed' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger milestones_guard_action before insert or update on public.milestones
  for each row execute function private.guard_milestone_action();

-- ---------------------------------------------------------------------------------------------
-- Generated milestones carry their item's action (replaces add_journey and import_clients)
-- ---------------------------------------------------------------------------------------------

create or replace function public.add_journey(
  p_practice_id uuid,
  p_client_id uuid,
  p_status text,
  p_due_date date default null,
  p_primary_doula_id uuid default null,
  p_backup_doula_id uuid default null,
  p_milestones jsonb default '[]'
)
returns uuid
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  new_id uuid;
begin
  insert into public.journeys (practice_id, client_id, due_date, status, primary_doula_id, backup_doula_id)
  values (p_practice_id, p_client_id, p_due_date, p_status, p_primary_doula_id, p_backup_doula_id)
  returning id into new_id;

  insert into public.milestones (practice_id, client_id, journey_id, title, kind, due_on, shared_with_client,
                                 action, action_message, action_form_template_id, action_task_title)
  select p_practice_id, p_client_id, new_id, m.title, m.kind, m.due_on, coalesce(m.shared_with_client, false),
         m.action, m.action_message, m.action_form_template_id, m.action_task_title
  from jsonb_to_recordset(coalesce(p_milestones, '[]')) as m(title text, kind text, due_on date, shared_with_client boolean,
    action text, action_message text, action_form_template_id uuid, action_task_title text);
  return new_id;
end
$$;
comment on function public.add_journey(uuid, uuid, text, date, uuid, uuid, jsonb) is
  'Starts a journey for an existing client together with its milestones ([{title, kind, due_on, shared_with_client, action, action_message, action_form_template_id, action_task_title}]).';

create or replace function public.import_clients(p_practice_id uuid, p_rows jsonb)
returns integer
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  v_rows jsonb;
begin
  if jsonb_typeof(p_rows) is distinct from 'array' then
    raise exception 'p_rows must be a json array' using errcode = '22023';
  end if;
  if jsonb_array_length(p_rows) > 5000 then
    raise exception 'at most 5000 rows per import' using errcode = '22023';
  end if;
  select coalesce(jsonb_agg(e || jsonb_build_object('client_id', gen_random_uuid(), 'journey_id', gen_random_uuid())), '[]')
    into v_rows from jsonb_array_elements(p_rows) as e;

  insert into public.clients (id, practice_id, first_name, last_name, preferred_name, pronouns, email, phone, lead_source)
  select x.client_id, p_practice_id, x.first_name, coalesce(x.last_name, ''), x.preferred_name, x.pronouns, x.email, x.phone, x.lead_source
  from jsonb_to_recordset(v_rows) as x(client_id uuid, first_name text, last_name text, preferred_name text, pronouns text, email text, phone text,
    lead_source text);

  insert into public.journeys (id, practice_id, client_id, due_date, status)
  select x.journey_id, p_practice_id, x.client_id, x.due_date, x.status
  from jsonb_to_recordset(v_rows) as x(client_id uuid, journey_id uuid, due_date date, status text);

  insert into public.milestones (practice_id, client_id, journey_id, title, kind, due_on, shared_with_client,
                                 action, action_message, action_form_template_id, action_task_title)
  select p_practice_id, x.client_id, x.journey_id, m.title, m.kind, m.due_on, coalesce(m.shared_with_client, false),
         m.action, m.action_message, m.action_form_template_id, m.action_task_title
  from jsonb_to_recordset(v_rows) as x(client_id uuid, journey_id uuid, milestones jsonb)
  cross join lateral jsonb_to_recordset(coalesce(x.milestones, '[]')) as m(title text, kind text, due_on date, shared_with_client boolean,
    action text, action_message text, action_form_template_id uuid, action_task_title text);

  return jsonb_array_length(v_rows);
end
$$;

-- ---------------------------------------------------------------------------------------------
-- automation_runs: both kinds, history kept after the rule or milestone is gone
-- ---------------------------------------------------------------------------------------------

alter table public.automation_runs
  alter column rule_id drop not null,
  drop constraint automation_runs_practice_id_rule_id_fkey,
  add foreign key (practice_id, rule_id) references public.automation_rules (practice_id, id) on delete set null (rule_id),
  add column source text not null default 'status_rule' check (source in ('status_rule', 'due_date')),
  add column milestone_id uuid references public.milestones (id) on delete set null,
  add column action text check (action in ('send_message', 'send_form', 'create_task')),
  add column on_status text,
  add column milestone_title text,
  add column milestone_due_on date,
  add column summary text,
  add column form_template_id uuid,
  add column message_id uuid references public.messages (id) on delete set null,
  add foreign key (practice_id, form_template_id) references public.form_templates (practice_id, id) on delete set null (form_template_id),
  add constraint automation_runs_milestone_key unique (milestone_id),
  add constraint automation_runs_source_shape check (source = 'status_rule' and milestone_id is null or source = 'due_date' and rule_id is null);
comment on column public.automation_runs.rule_id is 'The status rule that fired it; null for a due-date run and after the rule was removed (the snapshot stays).';
comment on column public.automation_runs.source is 'status_rule (a journey''s status changed) or due_date (a milestone''s date arrived).';
comment on column public.automation_runs.milestone_id is 'The milestone whose date fired it (one run per milestone); null after the milestone was deleted.';
comment on column public.automation_runs.on_status is 'Snapshot of a status rule''s trigger: the status she moved to.';
comment on column public.automation_runs.milestone_title is 'Snapshot of a due-date run''s trigger: the milestone''s title.';
comment on column public.automation_runs.milestone_due_on is 'Snapshot of a due-date run''s trigger: the date it ran for.';
comment on column public.automation_runs.summary is 'Snapshot: what it did, e.g. "Send “Intake”", "To-do: Call her", "Message: …".';
comment on column public.automation_runs.form_template_id is 'The form a send_form run sends (pending until the runner sends it).';
create index automation_runs_form_template_idx on public.automation_runs (practice_id, form_template_id);
create index automation_runs_message_idx on public.automation_runs (message_id);

update public.automation_runs r
set action = ru.action,
    form_template_id = ru.template_id,
    on_status = ru.on_status,
    summary = case ru.action when 'send_form' then 'Send “' || coalesce(ft.name, 'a form') || '”' else 'To-do: ' || ru.task_title end
from public.automation_rules ru
left join public.form_templates ft on ft.practice_id = ru.practice_id and ft.id = ru.template_id
where ru.practice_id = r.practice_id and ru.id = r.rule_id;

-- The doula a to-do goes to: her primary doula, or else the practice's only member; null when neither.
create function private.automation_assignee(p_practice_id uuid, p_primary_doula_id uuid)
returns uuid
language sql stable security definer set search_path = ''
as $$
  select coalesce(p_primary_doula_id,
    (select min(m.user_id::text)::uuid from public.practice_members m where m.practice_id = p_practice_id
     having count(*) = 1))
$$;
revoke execute on function private.automation_assignee(uuid, uuid) from public, anon, authenticated;

create or replace function private.fire_status_automations()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  r record;
  run_id uuid;
  new_task uuid;
  assignee uuid;
begin
  if new.status in ('complete', 'archived') then
    return null;
  end if;
  for r in
    select ru.*, ft.name as form_name
    from public.automation_rules ru
    left join public.form_templates ft on ft.practice_id = ru.practice_id and ft.id = ru.template_id
    where ru.practice_id = new.practice_id and ru.on_status = new.status
    order by ru.created_at, ru.id
  loop
    insert into public.automation_runs (practice_id, rule_id, journey_id, state, source, action, form_template_id, on_status, summary)
    values (new.practice_id, r.id, new.id, case r.action when 'send_form' then 'pending' else 'done' end, 'status_rule',
            r.action, r.template_id, new.status,
            case r.action when 'send_form' then 'Send “' || coalesce(r.form_name, 'a form') || '”' else 'To-do: ' || r.task_title end)
    on conflict (rule_id, journey_id) do nothing
    returning id into run_id;
    continue when run_id is null;
    if r.action = 'create_task' then
      assignee := private.automation_assignee(new.practice_id, new.primary_doula_id);
      insert into public.tasks (practice_id, client_id, title, assignee_id, due_on, created_by)
      values (new.practice_id, new.client_id, r.task_title, assignee, null, null)
      returning id into new_task;
      update public.automation_runs
      set task_id = new_task, finished_at = now(),
          detail = case when assignee is null then 'Her journey has no primary doula, so the to-do is unassigned.' end
      where id = run_id;
    end if;
  end loop;
  return null;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- The due-date runner: find (one index-backed query) and claim
-- ---------------------------------------------------------------------------------------------

-- The milestones whose action is due at p_now: not yet run, and due_on on or before today in the
-- practice's zone. No zone is more than a day ahead of UTC, so "due_on <= UTC today + 1" bounds the
-- scan of milestones_action_due_idx and the practice's zone decides the rest.
create function public.due_milestone_automations(p_now timestamptz default now(), p_limit integer default 200)
returns table (milestone_id uuid)
language sql stable security definer set search_path = ''
as $$
  select ms.id
  from public.milestones ms
  join public.practices p on p.id = ms.practice_id
  where ms.action is not null and ms.action_fired_at is null
    and ms.due_on <= (p_now at time zone 'UTC')::date + 1
    and ms.due_on <= (p_now at time zone p.time_zone)::date
  order by ms.due_on, ms.id
  limit least(greatest(p_limit, 1), 1000)
$$;
comment on function public.due_milestone_automations(timestamptz, integer) is
  'The runner''s search: milestones whose action is due at p_now in their practice''s zone and has not run (index milestones_action_due_idx).';

-- Acts on the due milestones once each: locks each one (a concurrent runner skips it), re-checks that
-- it has not run, marks it run and records one run (unique per milestone). Messages and to-dos are
-- written here, in the same transaction as the mark; a form is queued as a pending run for the
-- paperwork send service (lib/automations/runner.ts), which the caller runs next.
create function public.claim_milestone_automations(p_now timestamptz default now(), p_limit integer default 200)
returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  m record;
  run_id uuid;
  v_state text;
  v_detail text;
  v_task uuid;
  v_message uuid;
  v_assignee uuid;
  v_count integer := 0;
begin
  for m in
    select ms.id, ms.practice_id, ms.client_id, ms.journey_id, ms.title, ms.due_on, ms.done_at, ms.action,
           ms.action_message, ms.action_form_template_id, ms.action_task_title, j.status, j.primary_doula_id, ft.name as form_name
    from public.milestones ms
    join public.journeys j on j.practice_id = ms.practice_id and j.id = ms.journey_id
    left join public.form_templates ft on ft.practice_id = ms.practice_id and ft.id = ms.action_form_template_id
    where ms.id in (select d.milestone_id from public.due_milestone_automations(p_now, p_limit) d)
      and ms.action is not null and ms.action_fired_at is null
    order by ms.due_on, ms.id
    for update of ms skip locked
  loop
    -- One milestone's failure (say, its practice is being erased) must not stop the others: its work
    -- is rolled back to this point and it is recorded as failed, or, if even that is refused, left for
    -- the next run.
    begin
      update public.milestones set action_fired_at = now() where id = m.id;
      v_task := null;
      v_message := null;
      v_detail := null;
      if m.status in ('complete', 'archived') then
        v_state := 'skipped';
        v_detail := 'Her journey was archived or completed.';
      elsif m.done_at is not null then
        v_state := 'skipped';
        v_detail := 'The milestone was marked done before its date.';
      elsif private.practice_is_read_only(m.practice_id) then
        v_state := 'skipped';
        v_detail := 'The practice was read-only (its subscription had ended).';
      elsif m.action = 'create_task' then
        v_assignee := private.automation_assignee(m.practice_id, m.primary_doula_id);
        insert into public.tasks (practice_id, client_id, title, assignee_id, due_on, created_by)
        values (m.practice_id, m.client_id, m.action_task_title, v_assignee, m.due_on, null)
        returning id into v_task;
        v_state := 'done';
        if v_assignee is null then
          v_detail := 'Her journey has no primary doula, so the to-do is unassigned.';
        end if;
      elsif m.action = 'send_message' then
        insert into public.messages (practice_id, client_id, sender_id, sender_side, body)
        values (m.practice_id, m.client_id, null, 'practice', m.action_message)
        returning id into v_message;
        v_state := 'done';
      elsif m.action_form_template_id is null then
        v_state := 'failed';
        v_detail := 'The form to send was deleted.';
      else
        v_state := 'pending';
      end if;

      insert into public.automation_runs (practice_id, journey_id, milestone_id, source, state, detail, action, form_template_id,
                                          task_id, message_id, milestone_title, milestone_due_on, summary, finished_at)
      values (m.practice_id, m.journey_id, m.id, 'due_date', v_state, v_detail, m.action, m.action_form_template_id,
              v_task, v_message, m.title, m.due_on,
              case m.action
                when 'send_form' then 'Send “' || coalesce(m.form_name, 'a form') || '”'
                when 'create_task' then 'To-do: ' || m.action_task_title
                else 'Message: ' || left(m.action_message, 80) || case when length(m.action_message) > 80 then '…' else '' end
              end,
              case when v_state = 'pending' then null else now() end)
      on conflict (milestone_id) do nothing
      returning id into run_id;
    exception when others then
      raise warning 'due-date automation of milestone % failed: %', m.id, sqlerrm;
      run_id := null;
      begin
        update public.milestones set action_fired_at = now() where id = m.id;
        insert into public.automation_runs (practice_id, journey_id, milestone_id, source, state, detail, action,
                                            form_template_id, milestone_title, milestone_due_on, summary, finished_at)
        values (m.practice_id, m.journey_id, m.id, 'due_date', 'failed', 'It could not be done. Do it by hand.', m.action,
                m.action_form_template_id, m.title, m.due_on, 'An action on its date', now())
        on conflict (milestone_id) do nothing
        returning id into run_id;
      exception when others then
        raise warning 'due-date automation of milestone % left for the next run: %', m.id, sqlerrm;
      end;
    end;
    if run_id is not null then
      v_count := v_count + 1;
    end if;
  end loop;
  return v_count;
end
$$;
comment on function public.claim_milestone_automations(timestamptz, integer) is
  'Due-date runner (service role): acts once per milestone whose date arrived; returns how many runs it recorded.';

revoke execute on function public.due_milestone_automations(timestamptz, integer) from public, anon, authenticated;
revoke execute on function public.claim_milestone_automations(timestamptz, integer) from public, anon, authenticated;
grant execute on function public.due_milestone_automations(timestamptz, integer) to service_role;
grant execute on function public.claim_milestone_automations(timestamptz, integer) to service_role;
