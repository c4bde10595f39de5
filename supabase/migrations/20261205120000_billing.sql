-- Billing: the practice's Stripe customer and subscription, as Stripe's verified webhooks report
-- them, and what the subscription's status allows.
--
-- Invariants:
--   * Only the service role writes billing state (the webhook route and the checkout action's
--     customer creation). No API role has an insert, update or delete grant or policy: nobody can
--     set a status, a plan or a Stripe id from a browser.
--   * The owner reads her practice's billing rows; nobody else does (no member, no client).
--   * Every Stripe event is applied once: billing_apply_event records the event id and applies its
--     effect in one transaction, so a redelivery or a concurrent duplicate changes nothing.
--   * A practice whose subscription ended (unpaid, canceled, incomplete_expired, paused) is
--     read-only for every API write by a person, enforced here by triggers: reading, exporting and
--     deleting still work.

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table public.billing_customers (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null unique references public.practices (id) on delete cascade,
  stripe_customer_id text not null unique check (stripe_customer_id ~ '^cus_[A-Za-z0-9]+$'),
  created_at timestamptz not null default now()
);
comment on table public.billing_customers is
  'The one Stripe customer of a practice, created by the server at its first checkout. Service role writes; the owner reads.';
comment on column public.billing_customers.stripe_customer_id is 'Stripe customer id (cus_…); never taken from a browser, never changed.';

create table public.billing_subscriptions (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null unique references public.practices (id) on delete cascade,
  stripe_subscription_id text not null unique check (stripe_subscription_id ~ '^sub_[A-Za-z0-9]+$'),
  stripe_customer_id text not null references public.billing_customers (stripe_customer_id) on delete cascade,
  status text not null check (status in ('incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused')),
  price_lookup_key text check (length(price_lookup_key) <= 200),
  plan text check (plan in ('solo', 'team')),
  billing_interval text check (billing_interval in ('month', 'year')),
  seats integer not null default 1 check (seats between 1 and 1000),
  amount integer check (amount >= 0),
  currency text check (currency ~ '^[a-z]{3}$'),
  trial_end timestamptz,
  current_period_end timestamptz,
  cancel_at_period_end boolean not null default false,
  cancel_at timestamptz,
  canceled_at timestamptz,
  ended_at timestamptz,
  subscription_created_at timestamptz not null,
  fetched_at timestamptz not null,
  updated_at timestamptz not null default now()
);
comment on table public.billing_subscriptions is
  'The practice''s current Stripe subscription as last read from Stripe after a verified webhook. Service role writes; the owner reads.';
comment on column public.billing_subscriptions.status is 'Stripe''s subscription status; private.practice_is_read_only decides what it allows.';
comment on column public.billing_subscriptions.price_lookup_key is 'The lookup_key of the subscribed price (the plan and interval).';
comment on column public.billing_subscriptions.plan is 'solo (one seat) or team (per seat), from the price''s lookup key.';
comment on column public.billing_subscriptions.seats is 'How many members the plan allows: 1 for solo, the subscription quantity for team.';
comment on column public.billing_subscriptions.amount is 'What the next invoice charges, in the currency''s minor unit (unit amount × quantity).';
comment on column public.billing_subscriptions.current_period_end is 'When the current period ends: the next invoice date unless the subscription ends then.';
comment on column public.billing_subscriptions.subscription_created_at is 'The subscription''s own creation time: a newer subscription replaces an older one, never the reverse.';
comment on column public.billing_subscriptions.fetched_at is 'When the server read this state from Stripe: a read never replaces a later read of the same subscription.';
create index billing_subscriptions_customer_idx on public.billing_subscriptions (stripe_customer_id);

create table private.billing_events (
  id text primary key check (id ~ '^evt_[A-Za-z0-9]+$'),
  type text not null check (length(type) <= 100),
  outcome text not null check (outcome in ('applied', 'ignored')),
  stripe_created_at timestamptz not null,
  received_at timestamptz not null default now()
);
comment on table private.billing_events is
  'Every Stripe event id the webhook has applied, once. Holds no practice or customer id.';
comment on column private.billing_events.outcome is 'applied (billing state or a notice changed), or ignored (not about a known practice).';

-- ---------------------------------------------------------------------------------------------
-- Grants and policies: the owner reads; only the service role writes
-- ---------------------------------------------------------------------------------------------

alter table public.billing_customers enable row level security;
alter table public.billing_subscriptions enable row level security;
grant select on public.billing_customers, public.billing_subscriptions to authenticated;
grant select, insert, update, delete on public.billing_customers, public.billing_subscriptions to service_role;
revoke all on private.billing_events from public, anon, authenticated, service_role;

create policy "billing_customers: the practice owner can read" on public.billing_customers
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner}'))));
create policy "billing_subscriptions: the practice owner can read" on public.billing_subscriptions
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner}'))));

create trigger billing_customers_guard_immutable before update on public.billing_customers
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'stripe_customer_id', 'created_at');
create trigger billing_subscriptions_guard_immutable before update on public.billing_subscriptions
  for each row execute function private.guard_immutable_columns('id', 'practice_id');
create trigger billing_subscriptions_touch_updated_at before update on public.billing_subscriptions
  for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- What a status allows (lib/billing/entitlement.ts says the same; a test holds them together)
-- ---------------------------------------------------------------------------------------------

create function private.practice_is_read_only(target uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce(
    (select s.status in ('unpaid', 'canceled', 'incomplete_expired', 'paused')
     from public.billing_subscriptions s where s.practice_id = target),
    false)
$$;
comment on function private.practice_is_read_only(uuid) is
  'True when the practice''s subscription ended (unpaid, canceled, incomplete_expired, paused). No subscription yet: writable.';

-- Seats count only while the subscription gives full access; null means no limit applies
-- (no subscription yet, or read-only, which refuses the write anyway).
create function private.practice_seat_limit(target uuid)
returns integer
language sql stable security definer set search_path = ''
as $$
  select s.seats from public.billing_subscriptions s
  where s.practice_id = target and s.status in ('trialing', 'active', 'past_due', 'incomplete')
$$;
comment on function private.practice_seat_limit(uuid) is 'Members the practice''s plan allows, or null when no plan limits it.';

grant execute on function private.practice_is_read_only(uuid), private.practice_seat_limit(uuid) to authenticated, service_role;

-- What every member may know about the practice's billing: the status and what it allows, not the
-- plan, amounts or Stripe ids (those are the owner's, through the tables above).
create function public.practice_billing_access(p_practice_id uuid)
returns table (status text, read_only boolean, ended_at timestamptz)
language sql stable security definer set search_path = ''
as $$
  select s.status, private.practice_is_read_only(p_practice_id), s.ended_at
  from public.billing_subscriptions s
  where s.practice_id = p_practice_id
    and p_practice_id = any(array(select private.practice_ids_for_user()))
$$;
comment on function public.practice_billing_access(uuid) is
  'The subscription status of a practice the caller belongs to, and whether it is read-only; no row when it has none.';
revoke execute on function public.practice_billing_access(uuid) from public, anon;
grant execute on function public.practice_billing_access(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Read-only enforcement: every write a person makes through the API to a practice's data
-- ---------------------------------------------------------------------------------------------

-- Fires for requests made as a person (request.jwt.claims role authenticated or anon), including
-- through security-definer functions they call; the service role (webhooks, crons, erasure) and
-- direct database sessions pass. Deletes are never refused: deleting data is always allowed. Writes
-- caused by another trigger or a foreign key action (depth > 1) follow from a write already checked.
create function private.refuse_writes_when_read_only()
returns trigger
language plpgsql set search_path = ''
as $$
declare
  api_role text := coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role', '');
  target uuid;
begin
  if api_role not in ('authenticated', 'anon') or pg_trigger_depth() > 1 then
    return new;
  end if;
  -- Through jsonb: a record field that a table lacks cannot even be named in plpgsql.
  target := (to_jsonb(new) ->> case when tg_table_name = 'practices' then 'id' else 'practice_id' end)::uuid;
  if private.practice_is_read_only(target) then
    raise exception 'This practice is read-only because its subscription has ended'
      using errcode = '42501', hint = 'billing_read_only';
  end if;
  return new;
end
$$;
comment on function private.refuse_writes_when_read_only() is
  'Refuses inserts and updates by people to a practice whose subscription ended (hint billing_read_only).';

create trigger practices_refuse_when_read_only before update on public.practices
  for each row execute function private.refuse_writes_when_read_only();

do $$
declare
  t text;
begin
  foreach t in array array['practice_members', 'practice_invitations', 'clients', 'journeys', 'milestones',
                           'appointments', 'notes', 'messages', 'documents', 'form_templates', 'form_requests',
                           'milestone_template_items', 'calendar_feeds'] loop
    execute format('create trigger %I before insert or update on public.%I
                    for each row execute function private.refuse_writes_when_read_only()', t || '_refuse_when_read_only', t);
  end loop;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Seats: an invitation or a new member beyond the plan's seats is refused
-- ---------------------------------------------------------------------------------------------

-- Members plus pending, unexpired invitations must stay within the seats. A new member who is
-- accepting her invitation does not count twice: her own pending invitation is left out. The
-- practice row is locked so two concurrent invitations cannot both take the last seat.
create function private.enforce_seat_limit()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  seats integer := private.practice_seat_limit(new.practice_id);
  joining text := '';
  taken integer;
begin
  if seats is null then
    return new;
  end if;
  perform 1 from public.practices p where p.id = new.practice_id for update;
  if tg_table_name = 'practice_members' then
    select coalesce(lower(u.email), '') into joining from auth.users u where u.id = (to_jsonb(new) ->> 'user_id')::uuid;
  end if;
  select (select count(*) from public.practice_members m where m.practice_id = new.practice_id)
       + (select count(*) from public.practice_invitations i
          where i.practice_id = new.practice_id and i.accepted_at is null and i.expires_at > now()
            and i.email <> coalesce(joining, ''))
  into taken;
  if taken >= seats then
    raise exception 'The plan''s % seat(s) are all taken', seats
      using errcode = '23514', hint = 'seat_limit';
  end if;
  return new;
end
$$;
comment on function private.enforce_seat_limit() is
  'Refuses an invitation or membership beyond the plan''s seats (members + pending invitations); hint seat_limit.';

create trigger practice_invitations_enforce_seat_limit before insert on public.practice_invitations
  for each row execute function private.enforce_seat_limit();
create trigger practice_members_enforce_seat_limit before insert on public.practice_members
  for each row execute function private.enforce_seat_limit();

-- ---------------------------------------------------------------------------------------------
-- Applying a verified Stripe event (service role only)
-- ---------------------------------------------------------------------------------------------

-- One transaction per event: the event id is recorded first (a duplicate returns 'duplicate' and
-- does nothing else), then the subscription state, then the notices for the owners. Ordering:
-- a subscription created later replaces an earlier one; a state of the same subscription is
-- replaced only by one read from Stripe at the same time or later.
create function public.billing_apply_event(
  event_id text,
  event_type text,
  event_created_at timestamptz,
  stripe_customer text,
  subscription jsonb default null,
  notice jsonb default null
)
returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  target uuid;
  owner_email text;
begin
  select c.practice_id into target from public.billing_customers c where c.stripe_customer_id = stripe_customer;
  insert into private.billing_events (id, type, outcome, stripe_created_at)
  values (event_id, event_type, case when target is null then 'ignored' else 'applied' end, event_created_at)
  on conflict (id) do nothing;
  if not found then
    return 'duplicate';
  end if;
  if target is null then
    return 'ignored';
  end if;

  if subscription is not null then
    insert into public.billing_subscriptions as s (
      practice_id, stripe_subscription_id, stripe_customer_id, status, price_lookup_key, plan, billing_interval,
      seats, amount, currency, trial_end, current_period_end, cancel_at_period_end, cancel_at, canceled_at,
      ended_at, subscription_created_at, fetched_at)
    values (
      target, subscription ->> 'id', stripe_customer, subscription ->> 'status', subscription ->> 'price_lookup_key',
      subscription ->> 'plan', subscription ->> 'billing_interval', (subscription ->> 'seats')::integer,
      (subscription ->> 'amount')::integer, subscription ->> 'currency', (subscription ->> 'trial_end')::timestamptz,
      (subscription ->> 'current_period_end')::timestamptz, coalesce((subscription ->> 'cancel_at_period_end')::boolean, false),
      (subscription ->> 'cancel_at')::timestamptz, (subscription ->> 'canceled_at')::timestamptz,
      (subscription ->> 'ended_at')::timestamptz, (subscription ->> 'created_at')::timestamptz,
      (subscription ->> 'fetched_at')::timestamptz)
    on conflict (practice_id) do update set
      stripe_subscription_id = excluded.stripe_subscription_id, status = excluded.status,
      price_lookup_key = excluded.price_lookup_key, plan = excluded.plan, billing_interval = excluded.billing_interval,
      seats = excluded.seats, amount = excluded.amount, currency = excluded.currency, trial_end = excluded.trial_end,
      current_period_end = excluded.current_period_end, cancel_at_period_end = excluded.cancel_at_period_end,
      cancel_at = excluded.cancel_at, canceled_at = excluded.canceled_at, ended_at = excluded.ended_at,
      subscription_created_at = excluded.subscription_created_at, fetched_at = excluded.fetched_at
    where (s.stripe_subscription_id = excluded.stripe_subscription_id and s.fetched_at <= excluded.fetched_at)
       or (s.stripe_subscription_id <> excluded.stripe_subscription_id and s.subscription_created_at < excluded.subscription_created_at);
  end if;

  -- A notice about a subscription the practice has since replaced (a late event of the old one) is not sent.
  if notice is not null and (subscription is null or exists (
    select 1 from public.billing_subscriptions s
    where s.practice_id = target and s.stripe_subscription_id = subscription ->> 'id')) then
    for owner_email in
      select lower(u.email) from public.practice_members m join auth.users u on u.id = m.user_id
      where m.practice_id = target and m.role = 'owner' and u.email is not null and u.deleted_at is null
    loop
      insert into public.notifications (practice_id, recipient, template, payload, idempotency_key)
      values (target, owner_email, notice ->> 'template', coalesce(notice -> 'payload', '{}'::jsonb),
              'stripe:' || event_id || ':' || owner_email)
      on conflict (idempotency_key) do nothing;
    end loop;
  end if;
  return 'applied';
end
$$;
comment on function public.billing_apply_event(text, text, timestamptz, text, jsonb, jsonb) is
  'Webhook: records a Stripe event once and, in the same transaction, applies its subscription state and queues its notice to the owners.';
revoke execute on function public.billing_apply_event(text, text, timestamptz, text, jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.billing_apply_event(text, text, timestamptz, text, jsonb, jsonb) to service_role;
