-- The outbox for message notifications, and the drain's claim/settle protocol.
--
-- A message insert writes its "new message" emails into public.notifications in the same
-- transaction, so a saved message always has its email queued and a rolled-back one never does.
-- The drain (app/api/cron/outbox) claims due rows with a lease, sends them with the row's
-- idempotency key, and settles each one: sent, or retried later with exponential backoff.

-- ---------------------------------------------------------------------------------------------
-- Enqueue on message insert
-- ---------------------------------------------------------------------------------------------

-- Recipients: a practice message goes to the client's portal login; a client message goes to every
-- member of the practice. The email says only "you have a new message" and links to the thread:
-- no body, no names, no health data (lock screens and shared inboxes show emails).
-- Throttle: at most one new-message email per thread and recipient per 10 minutes. The advisory
-- lock serialises concurrent inserts in one thread, so two of them cannot both see "no recent email".
create function private.enqueue_message_notifications()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  r record;
  thread_path text;
begin
  perform pg_advisory_xact_lock(hashtextextended('message-thread:' || new.client_id::text, 0));
  thread_path := case new.sender_side when 'practice' then '/portal/messages'
                                      else '/dashboard/messages/' || new.client_id::text end;
  for r in
    select lower(u.email) as email
    from public.clients c join auth.users u on u.id = c.portal_user_id
    where new.sender_side = 'practice' and c.id = new.client_id and c.practice_id = new.practice_id
      and u.email is not null and u.deleted_at is null
    union
    select lower(u.email)
    from public.practice_members m join auth.users u on u.id = m.user_id
    where new.sender_side = 'client' and m.practice_id = new.practice_id
      and u.email is not null and u.deleted_at is null and u.id is distinct from new.sender_id
  loop
    if not exists (
      select 1 from public.notifications n
      where n.template = 'new-message' and n.recipient = r.email
        and n.payload ->> 'threadId' = new.client_id::text
        and n.created_at > now() - interval '10 minutes'
    ) then
      insert into public.notifications (practice_id, recipient, template, payload, idempotency_key)
      values (new.practice_id, r.email, 'new-message',
              jsonb_build_object('threadId', new.client_id, 'path', thread_path),
              'new-message:' || new.id::text || ':' || r.email);
    end if;
  end loop;
  return null;
end
$$;

create trigger messages_enqueue_notifications after insert on public.messages
  for each row execute function private.enqueue_message_notifications();

create index notifications_thread_throttle_idx on public.notifications (recipient, (payload ->> 'threadId'), created_at)
  where template = 'new-message';

-- ---------------------------------------------------------------------------------------------
-- Drain protocol (service role only)
-- ---------------------------------------------------------------------------------------------

-- Claims up to batch_size due rows. The claim pushes next_attempt_at out by the lease, so a drain
-- that dies mid-send leaves its rows to be retried after the lease rather than lost; a concurrent
-- drain skips locked rows instead of sending the same email twice in parallel.
create function public.claim_notifications(batch_size integer default 25, lease_seconds integer default 120)
returns setof public.notifications
language sql volatile security definer set search_path = ''
as $$
  update public.notifications n
  set attempts = n.attempts + 1,
      next_attempt_at = now() + make_interval(secs => greatest(lease_seconds, 30))
  where n.id in (
    select d.id from public.notifications d
    where d.status = 'pending' and d.next_attempt_at <= now()
    order by d.next_attempt_at
    limit least(greatest(batch_size, 1), 100)
    for update skip locked
  )
  returning n.*
$$;
comment on function public.claim_notifications(integer, integer) is
  'Outbox drain: leases due notifications (attempts + 1) so only one drain sends each.';

-- Settles one claimed row. Failure backoff is 30 s × 2^(attempts − 1), capped at one hour; after
-- max_attempts the row is marked failed and kept for inspection.
create function public.settle_notification(
  notification_id uuid,
  provider_message_id text default null,
  error text default null,
  max_attempts integer default 10
)
returns public.notifications
language plpgsql volatile security definer set search_path = ''
as $$
declare
  row public.notifications;
begin
  if error is null then
    update public.notifications n
    set status = 'sent', sent_at = now(), provider_message_id = settle_notification.provider_message_id,
        last_error = null
    where n.id = notification_id and n.status = 'pending'
    returning n.* into row;
  else
    update public.notifications n
    set status = case when n.attempts >= max_attempts then 'failed' else 'pending' end,
        next_attempt_at = now() + least(interval '30 seconds' * power(2, greatest(n.attempts - 1, 0)), interval '1 hour'),
        last_error = left(error, 2000)
    where n.id = notification_id and n.status = 'pending'
    returning n.* into row;
  end if;
  return row;
end
$$;
comment on function public.settle_notification(uuid, text, text, integer) is
  'Outbox drain: records a delivery (provider id) or a failure (error), scheduling the retry with backoff.';

revoke execute on function public.claim_notifications(integer, integer) from public, anon, authenticated;
revoke execute on function public.settle_notification(uuid, text, text, integer) from public, anon, authenticated;
grant execute on function public.claim_notifications(integer, integer) to service_role;
grant execute on function public.settle_notification(uuid, text, text, integer) to service_role;
