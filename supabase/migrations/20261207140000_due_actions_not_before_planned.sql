-- A milestone planned with its date already past (a client who booked at 38 weeks, one imported
-- after her 36-week visit) used to act at the next run: a "your 36-week visit is this week" message
-- weeks late, every prenatal step of an imported client at once. Such an action is now recorded as
-- skipped with the reason, as the client page already shows those milestones ("Before she booked");
-- the doula can still do it by hand. A milestone whose date arrives after it was planned still acts,
-- also when the runner reaches it late.

create or replace function public.claim_milestone_automations(p_now timestamptz default now(), p_limit integer default 200)
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
           ms.action_message, ms.action_form_template_id, ms.action_task_title, j.status, j.primary_doula_id, ft.name as form_name,
           (ms.created_at at time zone p.time_zone)::date as planned_on
    from public.milestones ms
    join public.journeys j on j.practice_id = ms.practice_id and j.id = ms.journey_id
    join public.practices p on p.id = ms.practice_id
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
      elsif m.due_on < m.planned_on then
        v_state := 'skipped';
        v_detail := 'Its date had passed before it was planned (she booked late, or was imported).';
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

