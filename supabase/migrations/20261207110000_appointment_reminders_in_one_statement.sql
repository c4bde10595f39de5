-- The reminder cron in one statement instead of a loop. Over 100,000 journeys and 500,000
-- appointments (npm run bench -- --only=runners) finding the due appointments took ~15 ms, but the
-- loop then ran an update and two inserts per appointment (each with its triggers), ~0.8 ms apiece:
-- ~200 due appointments cost 190-275 ms a run. The same rows, locks, keys and payloads, set-based.

create or replace function public.enqueue_appointment_reminders(p_now timestamptz default now())
returns integer
language sql volatile security definer set search_path = ''
as $$
  with due as (
    select a.id, a.practice_id, a.client_id, a.starts_at, a.ends_at,
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
  ),
  marked as (
    update public.appointments a set reminder_sent_at = p_now, reminded_starts_at = due.starts_at
    from due where a.id = due.id
  ),
  queued as (
    insert into public.notifications (practice_id, recipient, template, payload, idempotency_key)
    select due.practice_id, who.recipient, 'appointment-reminder',
           jsonb_build_object(
             'appointmentId', due.id, 'practiceName', due.practice_name, 'timeZone', due.time_zone,
             'startsAt', to_char(due.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
             'endsAt', to_char(due.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
             'path', who.path, 'audience', who.audience),
           'appointment-reminder:' || due.id::text || ':' || extract(epoch from due.starts_at)::bigint || ':' || who.audience
    from due
    cross join lateral (values
      ('client', case when due.client_wants then due.client_email end, '/portal/appointments'),
      ('doula', due.doula_email, '/dashboard/clients/' || due.client_id::text)
    ) as who (audience, recipient, path)
    where who.recipient is not null
    on conflict (idempotency_key) do nothing
    returning 1
  )
  select count(*)::integer from queued
$$;
comment on function public.enqueue_appointment_reminders(timestamptz) is
  'Reminder cron: queues the client''s (unless she opted out) and the attending doula''s reminder for each scheduled appointment entering the practice''s window, once per start time; returns how many.';

revoke execute on function public.enqueue_appointment_reminders(timestamptz) from public, anon, authenticated;
grant execute on function public.enqueue_appointment_reminders(timestamptz) to service_role;
