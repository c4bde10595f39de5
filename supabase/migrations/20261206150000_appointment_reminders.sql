-- Appointment reminders: the client and the attending doula hear about an appointment a set time
-- before it starts (a practice setting), once per start time, through the outbox.

alter table public.practices
  add column appointment_reminder_hours integer not null default 24 check (appointment_reminder_hours between 1 and 168);
comment on column public.practices.appointment_reminder_hours is
  'How many hours before an appointment the client and the attending doula are reminded (1 to 168).';

alter table public.clients
  add column appointment_reminders boolean not null default true;
comment on column public.clients.appointment_reminders is
  'Whether she gets appointment reminders by email; she may turn them off in her portal profile.';

-- She may change the new switch herself, as she may her contact details.
drop trigger clients_guard_portal on public.clients;
create trigger clients_guard_portal before update on public.clients
  for each row execute function private.guard_portal_columns(
    'preferred_name', 'pronouns', 'phone', 'address', 'partner_contacts', 'appointment_reminders', 'updated_at');

alter table public.appointments
  add column reminded_starts_at timestamptz;
comment on column public.appointments.reminder_sent_at is 'When the reminder cron last queued this appointment''s reminders.';
comment on column public.appointments.reminded_starts_at is
  'The start time those reminders announced: a moved appointment (starts_at differs) is reminded again.';

-- What the cron scans: scheduled appointments by start time, across practices.
create index appointments_reminder_due_idx on public.appointments (starts_at) where status = 'scheduled';

-- Queues the reminders that are due at p_now: one per person (client, attending doula, or the
-- journey's primary doula when no one is set on the appointment) per start time. The idempotency key names the start time, so a moved appointment gets new keys and a
-- concurrent run (rows locked, skip locked) or a repeat never queues a second. Like every outbox
-- email it names no kind, place or client: only the practice and the time.
create function public.enqueue_appointment_reminders(p_now timestamptz default now())
returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  due record;
  base jsonb;
  queued integer := 0;
  n integer;
begin
  for due in
    select a.id, a.practice_id, a.client_id, a.doula_id, a.starts_at, a.ends_at,
           p.name as practice_name, p.time_zone, c.email as client_email, c.appointment_reminders as client_wants,
           lower(du.email) as doula_email
    from public.appointments a
    join public.practices p on p.id = a.practice_id
    join public.clients c on c.id = a.client_id
    join public.journeys j on j.id = a.journey_id
    left join auth.users du on du.id = coalesce(a.doula_id, j.primary_doula_id) and du.deleted_at is null
    where a.status = 'scheduled'
      and a.starts_at > p_now and a.starts_at <= p_now + interval '168 hours'
      and a.starts_at <= p_now + make_interval(hours => p.appointment_reminder_hours)
      and a.reminded_starts_at is distinct from a.starts_at
    for update of a skip locked
  loop
    update public.appointments set reminder_sent_at = p_now, reminded_starts_at = due.starts_at where id = due.id;
    base := jsonb_build_object(
      'appointmentId', due.id, 'practiceName', due.practice_name, 'timeZone', due.time_zone,
      'startsAt', to_char(due.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
      'endsAt', to_char(due.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
    if due.client_wants and due.client_email is not null then
      insert into public.notifications (practice_id, recipient, template, payload, idempotency_key)
      values (due.practice_id, due.client_email, 'appointment-reminder',
              base || jsonb_build_object('path', '/portal/appointments', 'audience', 'client'),
              'appointment-reminder:' || due.id::text || ':' || extract(epoch from due.starts_at)::bigint || ':client')
      on conflict (idempotency_key) do nothing;
      get diagnostics n = row_count;
      queued := queued + n;
    end if;
    if due.doula_email is not null then
      insert into public.notifications (practice_id, recipient, template, payload, idempotency_key)
      values (due.practice_id, due.doula_email, 'appointment-reminder',
              base || jsonb_build_object('path', '/dashboard/clients/' || due.client_id::text, 'audience', 'doula'),
              'appointment-reminder:' || due.id::text || ':' || extract(epoch from due.starts_at)::bigint || ':doula')
      on conflict (idempotency_key) do nothing;
      get diagnostics n = row_count;
      queued := queued + n;
    end if;
  end loop;
  return queued;
end
$$;
comment on function public.enqueue_appointment_reminders(timestamptz) is
  'Reminder cron: queues the client''s (unless she opted out) and the attending doula''s reminder for each scheduled appointment entering the practice''s window, once per start time; returns how many.';

revoke execute on function public.enqueue_appointment_reminders(timestamptz) from public, anon, authenticated;
grant execute on function public.enqueue_appointment_reminders(timestamptz) to service_role;
