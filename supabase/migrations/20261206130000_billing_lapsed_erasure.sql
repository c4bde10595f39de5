-- Cancellation keeps data 30 days: a practice whose subscription ended is read-only, its owner is
-- told the day its data will be destroyed, reminded 7 days and 1 day before, and on that day the
-- account erasure runs. Resubscribing before then cancels it.
--
-- Invariants:
--   * billing_subscriptions.erase_after is set when the status enters an ended one (unpaid, canceled,
--     incomplete_expired) to the end + 30 days, kept while it stays ended, and cleared by any other
--     status: the erasure date exists exactly while the practice has not resubscribed.
--   * The decision to erase is taken under the subscription row's lock, re-reading erase_after after
--     the lock is granted. billing_apply_event's upsert takes the same lock, so a resubscription that
--     commits first clears erase_after and the practice is not picked; one that commits later finds
--     the erasure job already open (and the erasure's billing step cancels what it created).
--   * Each notice and reminder is queued once per subscription end (outbox idempotency keys), and
--     each one that was queued, the scheduling and its cancellation, go on the practice's trail.

alter table public.billing_subscriptions add column erase_after timestamptz;
comment on column public.billing_subscriptions.erase_after is
  'When the practice''s data is destroyed because its subscription ended (the end + 30 days); null while it has not ended or after resubscribing.';
create index billing_subscriptions_erase_after_idx on public.billing_subscriptions (erase_after) where erase_after is not null;

create function private.billing_subscription_ended(status text)
returns boolean
language sql immutable set search_path = ''
as $$ select status in ('unpaid', 'canceled', 'incomplete_expired') $$;
comment on function private.billing_subscription_ended(text) is
  'The statuses that start the 30-day countdown to erasure: the ended ones of lib/billing/entitlement.ts, paused aside (a trial waiting for a card).';

create function private.billing_set_erase_after()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if not private.billing_subscription_ended(new.status) then
    new.erase_after := null;
  elsif tg_op = 'UPDATE' and old.erase_after is not null and private.billing_subscription_ended(old.status) then
    new.erase_after := old.erase_after;
  else
    -- Stripe sets ended_at for canceled and incomplete_expired; unpaid has none, so the day it was seen.
    new.erase_after := coalesce(new.ended_at, now()) + interval '30 days';
  end if;
  return new;
end
$$;
comment on function private.billing_set_erase_after() is 'Keeps billing_subscriptions.erase_after true to the status (see the migration''s invariants).';

create trigger billing_subscriptions_set_erase_after before insert or update on public.billing_subscriptions
  for each row execute function private.billing_set_erase_after();

-- Queues one billing notice to each owner of the practice; returns how many were new.
create function private.billing_notify_owners(target uuid, template text, payload jsonb, key_prefix text)
returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  queued integer;
begin
  insert into public.notifications (practice_id, recipient, template, payload, idempotency_key)
  select target, lower(u.email), template, payload, key_prefix || ':' || lower(u.email)
  from public.practice_members m join auth.users u on u.id = m.user_id
  where m.practice_id = target and m.role = 'owner' and u.email is not null and u.deleted_at is null
  on conflict (idempotency_key) do nothing;
  get diagnostics queued = row_count;
  return queued;
end
$$;
revoke execute on function private.billing_notify_owners(uuid, text, jsonb, text) from public, anon, authenticated;

create function private.billing_erasure_audit(target uuid, verb text)
returns void
language sql volatile security definer set search_path = ''
as $$
  insert into public.audit_log (practice_id, actor_role, action, entity, entity_id)
  values (target, 'system', verb, 'practices', target)
$$;
revoke execute on function private.billing_erasure_audit(uuid, text) from public, anon, authenticated;

-- The owners are told when the countdown starts; the trail records it starting and stopping.
create function private.billing_erase_after_changed()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.erase_after is not distinct from (case when tg_op = 'UPDATE' then old.erase_after end) then
    return new;
  end if;
  if new.erase_after is null then
    perform private.billing_erasure_audit(new.practice_id, 'billing.erasure_cancelled');
    return new;
  end if;
  perform private.billing_notify_owners(
    new.practice_id, 'billing-cancelled',
    jsonb_build_object('path', '/dashboard/settings/billing',
                       'date', to_jsonb(new.erase_after - interval '30 days'),
                       'eraseOn', to_jsonb(new.erase_after)),
    'billing-ended:' || new.stripe_subscription_id || ':' || extract(epoch from new.erase_after)::bigint);
  perform private.billing_erasure_audit(new.practice_id, 'billing.erasure_scheduled');
  return new;
end
$$;
comment on function private.billing_erase_after_changed() is
  'Tells the owners the erasure date when a subscription ends, and records the scheduling or its cancellation on the trail.';

-- Not "update of erase_after": the column changes through the before trigger, not the statement.
create trigger billing_subscriptions_erase_after_changed after insert or update on public.billing_subscriptions
  for each row execute function private.billing_erase_after_changed();

-- ---------------------------------------------------------------------------------------------
-- The daily cron (service role only)
-- ---------------------------------------------------------------------------------------------

create function public.billing_erasure_reminders(at timestamptz)
returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  s record;
  queued integer;
  total integer := 0;
begin
  for s in
    select b.practice_id, b.stripe_subscription_id, b.erase_after,
           case when at >= b.erase_after - interval '1 day' then '1d' else '7d' end as stage
    from public.billing_subscriptions b
    where b.erase_after is not null and at >= b.erase_after - interval '7 days' and at < b.erase_after
  loop
    queued := private.billing_notify_owners(
      s.practice_id, 'billing-erasure-soon',
      jsonb_build_object('path', '/dashboard/settings/billing', 'date', to_jsonb(s.erase_after)),
      'billing-erasure-soon:' || s.stripe_subscription_id || ':' || extract(epoch from s.erase_after)::bigint || ':' || s.stage);
    if queued > 0 then
      perform private.billing_erasure_audit(s.practice_id, 'billing.erasure_reminder_' || s.stage);
      total := total + queued;
    end if;
  end loop;
  return total;
end
$$;
comment on function public.billing_erasure_reminders(timestamptz) is
  'Cron: queues the 7-day and 1-day erasure reminders that are due at `at`, each once; returns how many emails were queued.';
revoke execute on function public.billing_erasure_reminders(timestamptz) from public, anon, authenticated;
grant execute on function public.billing_erasure_reminders(timestamptz) to service_role;

-- Opens (or finds) the erasure job of every practice whose date has come. Each practice is decided
-- under its subscription row's lock: READ COMMITTED re-reads the row once the lock is granted, so a
-- resubscription that committed meanwhile (erase_after cleared) drops the practice from the result.
-- A job another run opened and is still driving is left to it.
create function public.billing_erasures_due(at timestamptz)
returns setof uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  s record;
  owner_id uuid;
  owner_email text;
  job jsonb;
begin
  for s in
    select b.practice_id, p.name
    from public.billing_subscriptions b join public.practices p on p.id = b.practice_id
    where b.erase_after is not null and b.erase_after <= at
    order by b.erase_after
    for update of b
  loop
    select m.user_id, lower(u.email) into owner_id, owner_email
    from public.practice_members m left join auth.users u on u.id = m.user_id
    where m.practice_id = s.practice_id and m.role = 'owner'
    order by m.created_at, m.user_id
    limit 1;
    job := public.erasure_open('practice', s.practice_id, null, owner_id, owner_email, s.name);
    -- Opened by this call: this run drives it. Opened earlier: only once nobody has touched it for
    -- five minutes (a run that died), so two runs at once never drive one job together.
    if (job ->> 'created_at')::timestamptz = now() then
      perform private.billing_erasure_audit(s.practice_id, 'billing.erasure_started');
      return next (job ->> 'id')::uuid;
    elsif (job ->> 'updated_at')::timestamptz < now() - interval '5 minutes' then
      return next (job ->> 'id')::uuid;
    end if;
  end loop;
end
$$;
comment on function public.billing_erasures_due(timestamptz) is
  'Cron: opens the erasure job of each practice whose subscription ended 30 days before `at` and was not renewed; returns the job ids.';
revoke execute on function public.billing_erasures_due(timestamptz) from public, anon, authenticated;
grant execute on function public.billing_erasures_due(timestamptz) to service_role;
