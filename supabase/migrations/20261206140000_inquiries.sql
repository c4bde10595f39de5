-- Public inquiry form → lead (issue #16). A visitor's inquiry becomes a client with a journey in
-- `lead` status. Only the server calls submit_inquiry (service role), after its spam checks; the
-- function can only ever add a lead (or add to an open lead) of the practice the slug names, and
-- anon can call nothing and read nothing here.

alter table public.practices
  add column inquiry_intro text not null default '' check (length(inquiry_intro) <= 2000),
  add column inquiry_required text[] not null default '{}'
    check (inquiry_required <@ array['phone', 'due_date', 'services', 'message', 'heard_from']);
comment on column public.practices.inquiry_intro is 'The practice''s own words at the top of its public inquiry page.';
comment on column public.practices.inquiry_required is 'Optional inquiry fields the practice requires (name and email always are).';

create table public.inquiries (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  client_id uuid not null,
  journey_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 200),
  email text not null check (email = lower(btrim(email)) and length(email) <= 320),
  phone text check (length(phone) <= 40),
  due_date date,
  not_pregnant_yet boolean not null default false,
  services text[] not null default '{}'
    check (services <@ array['birth', 'postpartum', 'prenatal', 'education', 'lactation', 'other']),
  message text not null default '' check (length(message) <= 5000),
  heard_from text check (length(heard_from) <= 200),
  utm jsonb not null default '{}' check (private.is_string_record(utm, array['source', 'medium', 'campaign', 'term', 'content', 'referrer'], 2048)),
  created_at timestamptz not null default now(),
  foreign key (practice_id, client_id, journey_id) references public.journeys (practice_id, client_id, id) on delete cascade
);
comment on table public.inquiries is 'Each submission of the public inquiry form, kept as sent; repeat inquiries of an open lead add rows to the same journey.';
comment on column public.inquiries.not_pregnant_yet is 'She ticked "not pregnant yet" instead of giving a due date.';
comment on column public.inquiries.services is 'Services she asked about.';
comment on column public.inquiries.heard_from is 'How she heard of the practice, in her words.';
comment on column public.inquiries.utm is 'UTM parameters and referrer of the page she came from.';
create index inquiries_practice_created_idx on public.inquiries (practice_id, created_at);
create index inquiries_journey_idx on public.inquiries (practice_id, client_id, journey_id);

create trigger inquiries_guard_immutable before update on public.inquiries
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'client_id', 'journey_id', 'created_at');
create trigger inquiries_erasure_lock_insert after insert on public.inquiries
  referencing new table as changed_rows for each statement execute function private.refuse_writes_while_erasing();
create trigger inquiries_erasure_lock_update after update on public.inquiries
  referencing new table as changed_rows for each statement execute function private.refuse_writes_while_erasing();

alter table public.inquiries enable row level security;
revoke all on public.inquiries from anon;
grant select on public.inquiries to authenticated;
grant select on public.inquiries to service_role;

create policy "inquiries: members read their practice's" on public.inquiries
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())));

-- What the public page shows: the practice's name, intro and required fields, by slug. Nothing else.
create function public.inquiry_form(p_slug text)
returns table (practice_name text, intro text, required_fields text[])
language sql stable security definer set search_path = ''
as $$
  select p.name, p.inquiry_intro, p.inquiry_required from public.practices p where p.slug = p_slug
$$;
comment on function public.inquiry_form(text) is 'Service role: the public inquiry page of the practice with this slug (no row when none).';
revoke execute on function public.inquiry_form(text) from public, anon, authenticated;
grant execute on function public.inquiry_form(text) to service_role;

-- The one way a lead comes in from outside. p_inquiry: {name, email, phone, due_date,
-- not_pregnant_yet, services, message, heard_from, utm}. An open lead (same email, journey still
-- `lead`) of the same practice gets the inquiry added to it: nothing the practice edited is
-- overwritten. A known client without an open lead gets a new lead journey; anyone else a new
-- client and lead journey. Emails the practice's
-- owners and admins and the person, through the outbox, in the same transaction.
create function public.submit_inquiry(p_slug text, p_inquiry jsonb)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  practice public.practices;
  v_name text := btrim(coalesce(p_inquiry->>'name', ''));
  v_email text := lower(btrim(coalesce(p_inquiry->>'email', '')));
  v_phone text := nullif(btrim(coalesce(p_inquiry->>'phone', '')), '');
  v_due date := nullif(p_inquiry->>'due_date', '')::date;
  v_not_yet boolean := coalesce((p_inquiry->>'not_pregnant_yet')::boolean, false);
  v_services text[] := coalesce(array(select jsonb_array_elements_text(coalesce(p_inquiry->'services', '[]'))), '{}');
  v_message text := btrim(coalesce(p_inquiry->>'message', ''));
  v_heard text := nullif(btrim(coalesce(p_inquiry->>'heard_from', '')), '');
  v_utm jsonb := coalesce(p_inquiry->'utm', '{}');
  v_client uuid;
  v_journey uuid;
  v_inquiry uuid;
  v_merged boolean := false;
  first_name text;
  last_name text;
begin
  if octet_length(p_inquiry::text) > 16384 then
    raise exception 'Inquiry too large' using errcode = '22001';
  end if;
  select * into practice from public.practices p where p.slug = p_slug;
  if not found then
    raise exception 'No such practice' using errcode = 'P0002';
  end if;
  if v_name = '' or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    raise exception 'Name and email are required' using errcode = '22023';
  end if;
  if ('phone' = any(practice.inquiry_required) and v_phone is null)
     or ('due_date' = any(practice.inquiry_required) and v_due is null and not v_not_yet)
     or ('services' = any(practice.inquiry_required) and cardinality(v_services) = 0)
     or ('message' = any(practice.inquiry_required) and v_message = '')
     or ('heard_from' = any(practice.inquiry_required) and v_heard is null) then
    raise exception 'A required field is missing' using errcode = '22023';
  end if;

  -- One submission at a time per (practice, email), so two quick duplicates still make one lead.
  perform pg_advisory_xact_lock(hashtextextended(practice.id::text || '/inquiry/' || v_email, 0));
  select c.id into v_client from public.clients c where c.practice_id = practice.id and c.email = v_email;
  if v_client is not null then
    select j.id into v_journey from public.journeys j
    where j.practice_id = practice.id and j.client_id = v_client and j.status = 'lead'
    order by j.created_at desc
    limit 1;
  end if;

  if v_client is null then
    first_name := left(split_part(v_name, ' ', 1), 100);
    last_name := left(btrim(substr(v_name, length(split_part(v_name, ' ', 1)) + 1)), 100);
    insert into public.clients (practice_id, first_name, last_name, email, phone, lead_source, utm, created_by)
    values (practice.id, first_name, last_name, v_email, v_phone, left(coalesce(v_heard, 'inquiry form'), 100), v_utm, null)
    returning id into v_client;
  else
    -- Only fill what is still empty: the practice's edits stay as they are. A client the practice
    -- had archived comes back into view, since she is asking again.
    update public.clients c
    set phone = coalesce(c.phone, v_phone),
        lead_source = coalesce(c.lead_source, left(v_heard, 100)),
        utm = case when c.utm = '{}'::jsonb then v_utm else c.utm end,
        archived_at = null
    where c.id = v_client;
  end if;

  if v_journey is null then
    -- A new person, or a known client (say, a past one) without an open lead: a new lead journey.
    insert into public.journeys (practice_id, client_id, due_date, status)
    values (practice.id, v_client, v_due, 'lead')
    returning id into v_journey;
  else
    v_merged := true;
    update public.journeys j set due_date = v_due
    where j.id = v_journey and j.due_date is null and v_due is not null;
  end if;

  insert into public.inquiries (practice_id, client_id, journey_id, name, email, phone, due_date, not_pregnant_yet,
                                services, message, heard_from, utm)
  values (practice.id, v_client, v_journey, v_name, v_email, v_phone, v_due, v_not_yet, v_services, v_message, v_heard, v_utm)
  returning id into v_inquiry;

  -- The practice hears that an inquiry came (never what it says: emails carry no health data).
  insert into public.notifications (practice_id, recipient, template, payload, idempotency_key)
  select practice.id, lower(u.email), 'new-inquiry',
         jsonb_build_object('path', '/dashboard/clients/' || v_client::text, 'practiceName', practice.name),
         'new-inquiry:' || v_inquiry::text || ':' || m.user_id::text
  from public.practice_members m
  join auth.users u on u.id = m.user_id
  where m.practice_id = practice.id and m.role in ('owner', 'admin') and u.email is not null and u.deleted_at is null
  on conflict (idempotency_key) do nothing;
  insert into public.notifications (practice_id, recipient, template, payload, idempotency_key)
  values (practice.id, v_email, 'inquiry-received',
          jsonb_build_object('path', '/p/' || practice.slug, 'practiceName', practice.name),
          'inquiry-received:' || v_inquiry::text)
  on conflict (idempotency_key) do nothing;

  return jsonb_build_object('inquiry_id', v_inquiry, 'client_id', v_client, 'journey_id', v_journey,
                            'practice_id', practice.id, 'merged', v_merged);
end
$$;
comment on function public.submit_inquiry(text, jsonb) is
  'Service role, after the server''s spam checks: adds an inquiry as a lead of the practice with this slug (or to its open lead with the same email) and emails the practice and the person.';
revoke execute on function public.submit_inquiry(text, jsonb) from public, anon, authenticated;
grant execute on function public.submit_inquiry(text, jsonb) to service_role;
