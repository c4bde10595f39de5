-- Paperwork: intake questionnaires and agreements a practice builds, sends to a client, and keeps
-- as PDFs in the private intake-pdfs bucket.
--
-- Who decides what:
--   * Members build templates (owners and admins) and send them (any member); a send freezes the
--     template into the request's snapshot, so later edits never change what a client has.
--   * The client writes her draft answers through her own RLS (the `answers` column, while the
--     form is open). Everything that is evidence (submitted_at and its IP and user agent, opened_at,
--     the content hash, signatures, the seal) is set only by this database: by triggers, by
--     security-definer functions that take the caller from auth.uid(), or by service-role functions
--     the server calls after the user's own RLS-checked read. No API role has a grant on them.
--   * An agreement is signed by the client, then countersigned by the practice (owners and admins,
--     or the journey's primary doula, per practices.form_countersigner), then optionally by a
--     partner who signs through her own link. After the last signature the record is sealed: no
--     role changes it again, only the pointer to its final PDF is set once more by the server.
--   * PDFs live in intake-pdfs under <practice_id>/<client_id>/<request_id>/. No user has a storage
--     policy on the bucket: the server stores and signs (60 s) with the service role after the
--     user's RLS-checked read, and every download is audited.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('intake-pdfs', 'intake-pdfs', false, 10485760, array['application/pdf'])
on conflict (id) do nothing;

-- ---------------------------------------------------------------------------------------------
-- Practice settings
-- ---------------------------------------------------------------------------------------------

alter table public.practices
  add column form_countersigner text not null default 'admins' check (form_countersigner in ('admins', 'primary_doula')),
  add column form_reminders boolean not null default true;
comment on column public.practices.form_countersigner is
  'Who countersigns agreements for the practice: admins (owners and admins) or primary_doula (the journey''s primary doula; owners and admins when she has none).';
comment on column public.practices.form_reminders is 'Whether clients get reminders for unfinished forms (3 days after sending, a day before the due date).';

-- ---------------------------------------------------------------------------------------------
-- Field definitions (shared by templates and the snapshots sent to clients)
-- ---------------------------------------------------------------------------------------------

-- The shape the app's zod schema (lib/paperwork/template.schema.ts) writes; the database keeps
-- every writer to it: ids unique and key-safe, known types, a label, choices with options.
create function private.form_fields_are_valid(fields jsonb)
returns boolean
language sql immutable set search_path = ''
as $$
  select jsonb_typeof(fields) = 'array'
    and jsonb_array_length(fields) <= 200
    and not exists (
      select 1 from jsonb_array_elements(fields) f
      where jsonb_typeof(f) <> 'object'
         or coalesce(f ->> 'id', '') !~ '^[a-z][a-z0-9_]{0,39}$'
         or coalesce(f ->> 'type', '') not in ('short_text', 'long_text', 'number', 'date', 'email', 'phone',
                                                'single_choice', 'multiple_choice', 'yes_no', 'consent', 'heading')
         or length(coalesce(f ->> 'label', '')) not between 1 and 500
         or (f ->> 'type' in ('single_choice', 'multiple_choice')
             and (jsonb_typeof(f -> 'options') is distinct from 'array' or jsonb_array_length(f -> 'options') not between 1 and 50))
    )
    and (select count(distinct f ->> 'id') = count(*) from jsonb_array_elements(fields) f)
$$;
comment on function private.form_fields_are_valid(jsonb) is 'Checks a form''s field list: [{id, type, label, help, required, options, maps_to}].';

-- The ids of the fields that take an answer (headings take none).
create function private.form_answer_ids(snapshot jsonb)
returns text[]
language sql immutable set search_path = ''
as $$
  select coalesce(array_agg(f ->> 'id'), '{}')
  from jsonb_array_elements(coalesce(snapshot -> 'fields', '[]')) f
  where f ->> 'type' <> 'heading'
$$;

-- Called by check constraints and by the update guard, which run as the API caller.
grant execute on function private.form_fields_are_valid(jsonb), private.form_answer_ids(jsonb) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- form_templates: versioned, intake or agreement
-- ---------------------------------------------------------------------------------------------

-- Earlier rows used the first draft's field names; map them onto the field types of this model.
update public.form_templates t
set fields = (
  select coalesce(jsonb_agg(f || jsonb_build_object('type', case f ->> 'type' when 'text' then 'short_text'
                                                                            when 'textarea' then 'long_text'
                                                                            when 'select' then 'single_choice'
                                                                            else f ->> 'type' end)), '[]')
  from jsonb_array_elements(t.fields) f)
where jsonb_typeof(t.fields) = 'array';
update public.form_templates set kind = 'intake' where kind = 'questionnaire';

alter table public.form_templates drop column requires_signature;
alter table public.form_templates drop constraint form_templates_kind_check;
alter table public.form_templates
  add constraint form_templates_kind_check check (kind in ('intake', 'agreement')),
  add column description text not null default '' check (length(description) <= 2000),
  add column body text not null default '' check (length(body) <= 60000),
  add column version integer not null default 1 check (version >= 1),
  add constraint form_templates_fields_shape_check check (private.form_fields_are_valid(fields));
comment on column public.form_templates.kind is 'intake: a questionnaire she fills in; agreement: a text (body) both sides sign, with optional fields.';
comment on column public.form_templates.fields is
  'Ordered field definitions: [{id, type, label, help, required, options, maps_to}]; see lib/paperwork/template.schema.ts.';
comment on column public.form_templates.description is 'An introduction shown to the client above the form.';
comment on column public.form_templates.body is
  'Agreements: the text, in the small markup of lib/paperwork/agreement-text.ts, with merge fields such as {{client.full_name}}.';
comment on column public.form_templates.version is 'Raised by the database whenever the content changes; a sent form records the version it was sent with.';
create index form_templates_practice_idx on public.form_templates (practice_id, kind, name);

create function private.bump_form_template_version()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.version := case
    when (new.name, new.description, new.fields, new.body) is distinct from (old.name, old.description, old.fields, old.body)
      then old.version + 1
    else old.version
  end;
  return new;
end
$$;

create trigger form_templates_bump_version before update on public.form_templates
  for each row execute function private.bump_form_template_version();
create trigger form_templates_guard_kind before update on public.form_templates
  for each row execute function private.guard_immutable_columns('kind');

-- ---------------------------------------------------------------------------------------------
-- Starter templates: every practice begins with an intake form and a service agreement it can edit.
-- ---------------------------------------------------------------------------------------------

create function private.starter_form_templates()
returns table (name text, kind text, description text, fields jsonb, body text)
language sql immutable set search_path = ''
as $starter$
  values
  ('Intake questionnaire', 'intake',
   'A few questions so we can support you well. Your answers are saved as you go: you can close this page and finish later.',
   $fields$[
     {"id": "about_you", "type": "heading", "label": "About you", "help": "How we reach you and what to call you."},
     {"id": "preferred_name", "type": "short_text", "label": "What name would you like us to use?", "required": false, "maps_to": "preferred_name"},
     {"id": "pronouns", "type": "short_text", "label": "Your pronouns", "required": false, "maps_to": "pronouns"},
     {"id": "phone", "type": "phone", "label": "Best phone number", "required": true, "maps_to": "phone"},
     {"id": "address_line1", "type": "short_text", "label": "Street address", "required": false, "maps_to": "address_line1"},
     {"id": "address_city", "type": "short_text", "label": "City", "required": false, "maps_to": "address_city"},
     {"id": "address_postal_code", "type": "short_text", "label": "Postal code", "required": false, "maps_to": "address_postal_code"},
     {"id": "pregnancy", "type": "heading", "label": "Your pregnancy"},
     {"id": "due_date", "type": "date", "label": "Estimated due date", "required": true, "maps_to": "due_date"},
     {"id": "first_birth", "type": "yes_no", "label": "Is this your first birth?", "required": true},
     {"id": "care_provider", "type": "short_text", "label": "Who is your care provider (midwife or OB)?", "required": false},
     {"id": "birth_place", "type": "single_choice", "label": "Where do you plan to give birth?", "required": true,
      "options": ["Hospital", "Birth center", "Home", "Not sure yet"]},
     {"id": "health_notes", "type": "long_text", "label": "Is there anything about your health or past births you would like us to know?",
      "help": "Only your doula team sees this.", "required": false},
     {"id": "support_people", "type": "heading", "label": "Your support people"},
     {"id": "partner_name", "type": "short_text", "label": "Partner or main support person", "required": false, "maps_to": "partner_name"},
     {"id": "partner_phone", "type": "phone", "label": "Their phone number", "required": false, "maps_to": "partner_phone"},
     {"id": "partner_email", "type": "email", "label": "Their email", "required": false, "maps_to": "partner_email"},
     {"id": "hopes_heading", "type": "heading", "label": "Your hopes"},
     {"id": "support_wanted", "type": "multiple_choice", "label": "What support matters most to you?", "required": false,
      "options": ["Comfort measures in labor", "Help speaking up for my wishes", "Support for my partner", "Feeding support", "Postpartum recovery"]},
     {"id": "hopes", "type": "long_text", "label": "What are you hoping for from doula support?", "required": false},
     {"id": "scope_consent", "type": "consent", "required": true,
      "label": "I understand that a doula gives emotional, physical and informational support and does not give medical care or advice."}
   ]$fields$::jsonb,
   ''),
  ('Service agreement', 'agreement',
   'Please read the whole agreement. When you sign, we countersign and you both get the signed PDF.',
   '[]'::jsonb,
   $body$# Doula service agreement

This agreement is between **{{practice.name}}** (the practice) and **{{client.full_name}}** (the client), for doula support around a birth expected on {{journey.due_date}}.

## Services
- Two prenatal visits to plan for the birth and get to know each other.
- Continuous support in labor, from when the client asks the doula to come until about two hours after the birth.
- One postpartum visit in the two weeks after the birth.
- Support by phone, text and email from the signing of this agreement until six weeks after the birth.

## What a doula does not do
A doula does not perform clinical tasks, give medical advice or make decisions for the client. The doula supports the client's own decisions and helps her speak with her care providers.

## On call
The practice is on call for the client from 38 weeks until the birth. {{doula.name}} is the client's primary doula; when she cannot attend, another doula of the practice attends in her place.

## Fee
The fee for these services is {{fee}}. A retainer of half the fee is due when this agreement is signed and is not refundable; the balance is due by 37 weeks.

## Ending the agreement
Either side may end this agreement in writing. Services not yet given are refunded, except the retainer. If the doula misses the birth for a reason within the practice's control, the balance is refunded.

## Privacy
The practice keeps the client's information private and shares it only with her consent or when the law requires it.

By signing, the client and the practice agree to everything above.$body$)
$starter$;
comment on function private.starter_form_templates() is 'The intake form and service agreement a new practice starts with.';

-- Statement-level so that a bulk insert of practices (seeds, benchmarks) costs one insert here.
create function private.seed_starter_form_templates()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.form_templates (practice_id, name, kind, description, fields, body)
  select p.id, s.name, s.kind, s.description, s.fields, s.body
  from new_practices p cross join private.starter_form_templates() s;
  return null;
end
$$;

create trigger practices_seed_starter_form_templates after insert on public.practices
  referencing new table as new_practices
  for each statement execute function private.seed_starter_form_templates();

insert into public.form_templates (practice_id, name, kind, description, fields, body)
select p.id, s.name, s.kind, s.description, s.fields, s.body
from public.practices p cross join private.starter_form_templates() s
where not exists (select 1 from public.form_templates t where t.practice_id = p.id and t.kind = s.kind);

-- ---------------------------------------------------------------------------------------------
-- form_requests: what was sent, her answers, and the evidence of what happened to it
-- ---------------------------------------------------------------------------------------------

-- Signatures move to form_signatures, the PDF to intake-pdfs (not a documents row). Evidence is
-- now written by the submission and signing functions below, so the stamping trigger goes too.
drop trigger form_requests_guard_portal on public.form_requests;
drop trigger form_requests_stamp_evidence on public.form_requests;
drop function private.stamp_form_evidence();
drop policy "form_requests: members can delete" on public.form_requests;
drop policy "form_requests: members update, a client fills in her open forms" on public.form_requests;
drop policy "form_requests: members can send" on public.form_requests;
alter table public.form_requests
  drop column signature_name,
  drop column signed_at,
  drop column signature_ip,
  drop column document_id;

update public.form_requests r
set template_snapshot = r.template_snapshot || jsonb_build_object('fields', (
  select coalesce(jsonb_agg(f || jsonb_build_object('type', case f ->> 'type' when 'text' then 'short_text'
                                                                            when 'textarea' then 'long_text'
                                                                            when 'select' then 'single_choice'
                                                                            else f ->> 'type' end)), '[]')
  from jsonb_array_elements(coalesce(r.template_snapshot -> 'fields', '[]')) f))
where true;

alter table public.form_requests
  add column kind text check (kind in ('intake', 'agreement')),
  add column note text check (length(note) <= 2000),
  add column due_on date,
  add column send_count smallint not null default 1 check (send_count between 1 and 100),
  add column last_sent_at timestamptz not null default now(),
  add column opened_at timestamptz,
  add column started_at timestamptz,
  add column submitted_ip inet,
  add column submitted_user_agent text check (length(submitted_user_agent) <= 512),
  add column cancelled_at timestamptz,
  add column content_sha256 text check (content_sha256 ~ '^[0-9a-f]{64}$'),
  add column sealed_at timestamptz,
  add column pdf_path text unique,
  add column pdf_sha256 text check (pdf_sha256 ~ '^[0-9a-f]{64}$'),
  add column pdf_signatures smallint check (pdf_signatures between 0 and 3),
  add column partner_name text check (length(btrim(partner_name)) between 1 and 200),
  add column partner_email text check (partner_email = lower(btrim(partner_email)) and partner_email like '%_@_%' and length(partner_email) <= 320),
  add column partner_token_hash text unique check (partner_token_hash ~ '^[0-9a-f]{64}$'),
  add column partner_token_expires_at timestamptz,
  add column reminded_after_sent_at timestamptz,
  add column reminded_before_due_at timestamptz,
  add column record_updates_reviewed_at timestamptz;
update public.form_requests
set kind = case when template_snapshot ->> 'kind' = 'agreement' then 'agreement' else 'intake' end,
    template_snapshot = template_snapshot || jsonb_build_object('kind', case when template_snapshot ->> 'kind' = 'agreement' then 'agreement' else 'intake' end),
    submitted_at = case when status = 'submitted' then coalesce(submitted_at, updated_at) end,
    last_sent_at = created_at,
    cancelled_at = case when status = 'cancelled' then updated_at end;
alter table public.form_requests
  alter column kind set not null,
  add constraint form_requests_snapshot_kind_check check (template_snapshot ->> 'kind' = kind),
  add constraint form_requests_snapshot_fields_check check (private.form_fields_are_valid(template_snapshot -> 'fields')),
  add constraint form_requests_answers_size_check check (octet_length(answers::text) <= 200000),
  add constraint form_requests_submitted_check check ((status = 'submitted') = (submitted_at is not null)),
  add constraint form_requests_cancelled_check check ((status = 'cancelled') = (cancelled_at is not null)),
  add constraint form_requests_sealed_check check (sealed_at is null or (kind = 'agreement' and status = 'submitted')),
  add constraint form_requests_pdf_path_check check (pdf_path like practice_id::text || '/' || client_id::text || '/' || id::text || '/_%'),
  add constraint form_requests_partner_check check ((partner_name is null) = (partner_email is null) and (kind = 'agreement' or partner_email is null)),
  add constraint form_requests_practice_client_id_key unique (practice_id, client_id, id);

comment on column public.form_requests.kind is 'intake or agreement, as in the snapshot.';
comment on column public.form_requests.template_snapshot is
  'The template as sent (name, kind, version, description, fields, and for agreements the body with its merge fields filled in); later template edits do not change it.';
comment on column public.form_requests.status is 'sent -> in_progress (her first saved answer) -> submitted (an agreement: she signed), or cancelled by the practice.';
comment on column public.form_requests.answers is 'Her answers by field id; she writes them while the form is open, nobody after.';
comment on column public.form_requests.note is 'The practice''s personal note shown with the form in her portal (never in the email).';
comment on column public.form_requests.due_on is 'When the practice would like it back; drives the reminder a day before.';
comment on column public.form_requests.send_count is 'How many times the email went out (the first send and each resend).';
comment on column public.form_requests.last_sent_at is 'When the email last went out.';
comment on column public.form_requests.opened_at is 'Evidence: when she first opened it in her portal (set by the database).';
comment on column public.form_requests.started_at is 'When her first draft answer was saved (set by the database).';
comment on column public.form_requests.submitted_at is 'Evidence: when she submitted (an agreement: signed); set by the database only.';
comment on column public.form_requests.submitted_ip is 'Evidence: the IP she submitted from, taken from the trusted proxy hop by the server.';
comment on column public.form_requests.submitted_user_agent is 'Evidence: the browser she submitted from.';
comment on column public.form_requests.cancelled_at is 'When the practice cancelled it.';
comment on column public.form_requests.content_sha256 is
  'Evidence: SHA-256 (hex) of the canonical content she submitted (lib/paperwork/content-hash.ts); every signature signs this hash.';
comment on column public.form_requests.sealed_at is 'When the last signature sealed the agreement: from then on nothing in it changes.';
comment on column public.form_requests.pdf_path is 'Object name of its latest PDF in the intake-pdfs bucket (<practice_id>/<client_id>/<id>/...).';
comment on column public.form_requests.pdf_sha256 is 'SHA-256 (hex) of that PDF''s bytes.';
comment on column public.form_requests.pdf_signatures is 'How many signatures the stored PDF shows; fewer than form_signatures means it is re-rendered.';
comment on column public.form_requests.partner_name is 'Agreements: the partner asked to sign after the practice, if any.';
comment on column public.form_requests.partner_email is 'Agreements: where the partner''s signing link goes.';
comment on column public.form_requests.partner_token_hash is 'SHA-256 (hex) of the partner''s signing link token; the token itself is never stored.';
comment on column public.form_requests.partner_token_expires_at is 'When the partner''s signing link stops working.';
comment on column public.form_requests.reminded_after_sent_at is 'When the reminder 3 days after sending was queued (once).';
comment on column public.form_requests.reminded_before_due_at is 'When the reminder a day before the due date was queued (once).';
comment on column public.form_requests.record_updates_reviewed_at is 'When a member applied or dismissed the client-record updates her intake answers proposed.';

create index form_requests_open_idx on public.form_requests (created_at) where status in ('sent', 'in_progress');

-- One trigger decides every update made through the API, and the seal for every role:
--   * a sealed record never changes again; the server may only point it at its final PDF;
--   * a member may change the note and due date of an open request, and mark proposed record
--     updates reviewed; a client may change only her answers while the form is open, and those
--     answers must name fields of her snapshot;
--   * her first answer moves the request to in_progress (the database stamps started_at).
create function private.guard_form_request_update()
returns trigger
language plpgsql set search_path = ''
as $$
declare
  changed text[];
  allowed text[] := '{}';
  unknown text;
begin
  -- Referential actions (a template or journey deleted: its id set null) run nested and pass.
  if pg_trigger_depth() > 1 then
    return new;
  end if;
  select coalesce(array_agg(n.key), '{}') into changed
  from jsonb_each(to_jsonb(new)) n
  where n.key <> 'updated_at' and n.value is distinct from (to_jsonb(old) -> n.key);

  if old.sealed_at is not null and cardinality(changed) > 0
     and not (current_user <> 'authenticated' and changed <@ array['pdf_path', 'pdf_sha256', 'pdf_signatures']) then
    raise exception 'This agreement is signed and sealed: it can no longer be changed' using errcode = '42501';
  end if;

  if 'answers' = any(changed) then
    if old.status not in ('sent', 'in_progress') then
      raise exception 'Answers cannot change after the form was submitted or cancelled' using errcode = '42501';
    end if;
    select k into unknown from jsonb_object_keys(new.answers) k
    where k <> all (private.form_answer_ids(new.template_snapshot)) limit 1;
    if unknown is not null then
      raise exception 'There is no field "%" on this form', left(unknown, 60) using errcode = '22023';
    end if;
  end if;

  if current_user = 'authenticated' and cardinality(changed) > 0 then
    if new.practice_id = any(array(select private.practice_ids_for_user())) then
      allowed := allowed || array['note', 'due_on', 'record_updates_reviewed_at'];
    end if;
    if new.client_id = any(array(select private.client_ids_for_user())) then
      allowed := allowed || array['answers'];
    end if;
    if not changed <@ allowed then
      raise exception 'Not allowed to change % on this form', array_to_string(changed, ', ') using errcode = '42501';
    end if;
    if changed && array['note', 'due_on'] and old.status not in ('sent', 'in_progress') then
      raise exception 'Only an open form''s note and due date can change' using errcode = '42501';
    end if;
  end if;

  if 'answers' = any(changed) and old.status = 'sent' and new.status = 'sent' then
    new.status := 'in_progress';
    new.started_at := coalesce(old.started_at, now());
  end if;
  return new;
end
$$;

create trigger form_requests_guard_update before update on public.form_requests
  for each row execute function private.guard_form_request_update();
create trigger form_requests_guard_kind before update on public.form_requests
  for each row execute function private.guard_immutable_columns('kind');

-- A sealed record is never deleted on its own; it goes only with its client or practice (the
-- erasure, whose cascade runs nested in the parent's delete).
create function private.guard_sealed_delete()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if pg_trigger_depth() = 1 and old.sealed_at is not null then
    raise exception 'A sealed agreement is only erased with its client' using errcode = '42501';
  end if;
  return old;
end
$$;

create trigger form_requests_guard_delete before delete on public.form_requests
  for each row execute function private.guard_sealed_delete();

-- The email to the client goes into the outbox with the request, in the same transaction. It
-- names the practice and what kind of paperwork it is, never the form's title or her answers.
create function private.enqueue_form_request_email(p_request_id uuid, template text, key_suffix text)
returns void
language sql volatile security definer set search_path = ''
as $$
  insert into public.notifications (practice_id, recipient, template, payload, idempotency_key)
  select r.practice_id, lower(u.email), template,
         jsonb_build_object('path', '/portal/forms/' || r.id::text, 'practiceName', p.name, 'kind', r.kind, 'dueOn', r.due_on),
         template || ':' || r.id::text || ':' || key_suffix
  from public.form_requests r
  join public.clients c on c.practice_id = r.practice_id and c.id = r.client_id
  join public.practices p on p.id = r.practice_id
  join auth.users u on u.id = c.portal_user_id
  where r.id = p_request_id and u.email is not null and u.deleted_at is null
  on conflict (idempotency_key) do nothing
$$;

create function private.enqueue_form_request_sent()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.enqueue_form_request_email(new.id, 'form-request', '1');
  return null;
end
$$;

create trigger form_requests_enqueue_email after insert on public.form_requests
  for each row execute function private.enqueue_form_request_sent();

-- Grants: members send (insert) with the columns below; nobody deletes through the API (a
-- practice cancels instead); updates are the columns the guard above sorts out per person.
revoke all on public.form_requests from authenticated;
grant select on public.form_requests to authenticated;
grant insert (id, practice_id, client_id, journey_id, template_id, kind, template_snapshot, note, due_on, partner_name, partner_email)
  on public.form_requests to authenticated;
grant update (answers, note, due_on, record_updates_reviewed_at) on public.form_requests to authenticated;

create policy "form_requests: members send to their practice's clients" on public.form_requests
  for insert to authenticated
  with check (practice_id = any(array(select private.practice_ids_for_user())));
create policy "form_requests: members update, a client fills in her open forms" on public.form_requests
  for update to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user()))
         or (client_id = any(array(select private.client_ids_for_user())) and status in ('sent', 'in_progress')))
  with check (practice_id = any(array(select private.practice_ids_for_user()))
              or (client_id = any(array(select private.client_ids_for_user())) and status in ('sent', 'in_progress')));

-- ---------------------------------------------------------------------------------------------
-- form_signatures: evidence, written only by public.sign_form_request
-- ---------------------------------------------------------------------------------------------

create table public.form_signatures (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  client_id uuid not null,
  request_id uuid not null,
  role text not null check (role in ('client', 'practice', 'partner')),
  signer_user_id uuid,
  signer_name text not null check (length(btrim(signer_name)) between 1 and 200),
  signer_email text check (length(signer_email) <= 320),
  image_png bytea not null check (octet_length(image_png) between 8 and 204800
                                  and substring(image_png from 1 for 8) = '\x89504e470d0a1a0a'::bytea),
  consent_text text not null check (length(consent_text) between 1 and 2000),
  content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
  signed_at timestamptz not null default now(),
  time_zone text not null,
  ip inet,
  user_agent text check (length(user_agent) <= 512),
  created_at timestamptz not null default now(),
  unique (request_id, role),
  foreign key (practice_id, client_id) references public.clients (practice_id, id) on delete cascade,
  foreign key (practice_id, client_id, request_id) references public.form_requests (practice_id, client_id, id) on delete cascade
);
comment on table public.form_signatures is
  'One signature on an agreement (client, practice, partner): the certificate page''s evidence. Written only by sign_form_request, never changed.';
comment on column public.form_signatures.role is 'client signs first, then practice (the countersignature), then partner when one was asked.';
comment on column public.form_signatures.signer_user_id is 'The login that signed (no FK: evidence outlives the login); null for a partner, who signs by link.';
comment on column public.form_signatures.signer_name is 'The name she typed as her signature.';
comment on column public.form_signatures.signer_email is 'The signer''s verified login email, or the email the partner''s link was sent to.';
comment on column public.form_signatures.image_png is 'The drawn signature, a PNG of at most 200 kB.';
comment on column public.form_signatures.consent_text is 'The consent to sign electronically the signer accepted, word for word.';
comment on column public.form_signatures.content_sha256 is 'The content hash she signed; equals form_requests.content_sha256.';
comment on column public.form_signatures.time_zone is 'The practice''s time zone when she signed, for the certificate.';
comment on column public.form_signatures.ip is 'The signer''s IP from the trusted proxy hop.';
comment on column public.form_signatures.user_agent is 'The signer''s browser.';
create index form_signatures_request_idx on public.form_signatures (practice_id, client_id, request_id);

create function private.refuse_signature_change()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and pg_trigger_depth() > 1 then
    return old;
  end if;
  raise exception 'Signatures are never changed or removed' using errcode = '42501';
end
$$;

create trigger form_signatures_never_change before update or delete on public.form_signatures
  for each row execute function private.refuse_signature_change();
-- Locked while its practice or client is being erased, like every tenant table.
create trigger form_signatures_erasure_lock_insert after insert on public.form_signatures
  referencing new table as changed_rows for each statement execute function private.refuse_writes_while_erasing();
create trigger form_signatures_erasure_lock_update after update on public.form_signatures
  referencing new table as changed_rows for each statement execute function private.refuse_writes_while_erasing();
create trigger form_signatures_audit_insert after insert on public.form_signatures
  referencing new table as changed_rows for each statement execute function private.audit_row_changes();

alter table public.form_signatures enable row level security;
grant select on public.form_signatures to authenticated;
grant select, insert on public.form_signatures to service_role;

create policy "form_signatures: members read their practice's, a client reads those on her forms" on public.form_signatures
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user()))
         or client_id = any(array(select private.client_ids_for_user())));

-- ---------------------------------------------------------------------------------------------
-- What a member or the client herself may do by calling a function (caller from auth.uid())
-- ---------------------------------------------------------------------------------------------

create function public.mark_form_request_opened(p_request_id uuid)
returns timestamptz
language sql volatile security definer set search_path = ''
as $$
  update public.form_requests r
  set opened_at = coalesce(r.opened_at, now())
  where r.id = p_request_id and r.client_id = any(array(select private.client_ids_for_user()))
  returning r.opened_at
$$;
comment on function public.mark_form_request_opened(uuid) is 'The client opened her form: stamps opened_at once (the database picks the time).';
revoke execute on function public.mark_form_request_opened(uuid) from public, anon;
grant execute on function public.mark_form_request_opened(uuid) to authenticated;

create function private.form_request_for_member(p_request_id uuid)
returns public.form_requests
language plpgsql stable security definer set search_path = ''
as $$
declare
  request public.form_requests;
begin
  select * into request from public.form_requests r
  where r.id = p_request_id and r.practice_id = any(array(select private.practice_ids_for_user()));
  if not found then
    raise exception 'No such form' using errcode = 'P0002';
  end if;
  return request;
end
$$;

create function public.cancel_form_request(p_request_id uuid)
returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  request public.form_requests := private.form_request_for_member(p_request_id);
begin
  if request.status not in ('sent', 'in_progress') then
    raise exception 'Only a form she has not submitted can be cancelled' using errcode = '55000', hint = 'not_open';
  end if;
  update public.form_requests
  set status = 'cancelled', cancelled_at = now(), partner_token_hash = null, partner_token_expires_at = null
  where id = request.id;
end
$$;
comment on function public.cancel_form_request(uuid) is 'A member cancels an open form: she can no longer fill it in, and no reminder goes out.';

-- A resend mails the same link again (a new idempotency key), at most once every ten minutes.
create function public.resend_form_request(p_request_id uuid)
returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  request public.form_requests := private.form_request_for_member(p_request_id);
begin
  if request.status not in ('sent', 'in_progress') then
    raise exception 'Only a form she has not submitted can be sent again' using errcode = '55000', hint = 'not_open';
  end if;
  if request.last_sent_at > now() - interval '10 minutes' then
    raise exception 'This form was sent less than ten minutes ago' using errcode = '55000', hint = 'too_soon';
  end if;
  if request.send_count >= 20 then
    raise exception 'This form was sent 20 times already' using errcode = '55000', hint = 'too_many';
  end if;
  update public.form_requests
  set send_count = request.send_count + 1, last_sent_at = now()
  where id = request.id
  returning * into request;
  perform private.enqueue_form_request_email(request.id, 'form-request', request.send_count::text);
end
$$;
comment on function public.resend_form_request(uuid) is 'A member emails an open form''s link to the client again (not within 10 minutes of the last send).';

-- Who may countersign an agreement for the practice, by the practice's setting.
create function private.may_countersign(p_request public.form_requests, p_user uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select case
    when p.form_countersigner = 'primary_doula' and j.primary_doula_id is not null then j.primary_doula_id = p_user
    else exists (select 1 from public.practice_members m
                 where m.practice_id = p_request.practice_id and m.user_id = p_user and m.role in ('owner', 'admin'))
  end
  from public.practices p
  left join public.journeys j on j.practice_id = p_request.practice_id and j.id = p_request.journey_id
  where p.id = p_request.practice_id
$$;

create function public.can_countersign_form(p_request_id uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce((select private.may_countersign(r, (select auth.uid())) from public.form_requests r
                   where r.id = p_request_id and r.practice_id = any(array(select private.practice_ids_for_user()))), false)
$$;
comment on function public.can_countersign_form(uuid) is 'Whether the caller may countersign this agreement for her practice (by its form_countersigner setting).';

revoke execute on function public.cancel_form_request(uuid), public.resend_form_request(uuid), public.can_countersign_form(uuid)
  from public, anon;
grant execute on function public.cancel_form_request(uuid), public.resend_form_request(uuid), public.can_countersign_form(uuid)
  to authenticated;

-- ---------------------------------------------------------------------------------------------
-- What only the server does, after the person's own RLS-checked read (service role)
-- ---------------------------------------------------------------------------------------------

-- Every refusal carries a hint the app turns into a message: not_yours, cancelled, submitted,
-- not_open, sealed, out_of_order, not_allowed, unknown_field, no_partner.
create function private.check_answer_keys(request public.form_requests, answers jsonb)
returns void
language plpgsql immutable set search_path = ''
as $$
begin
  if jsonb_typeof(answers) is distinct from 'object' then
    raise exception 'Answers must be an object' using errcode = '22023', hint = 'unknown_field';
  end if;
  if exists (select 1 from jsonb_object_keys(answers) k where k <> all (private.form_answer_ids(request.template_snapshot))) then
    raise exception 'An answer names a field this form does not have' using errcode = '22023', hint = 'unknown_field';
  end if;
end
$$;

-- Her answers become her submission: the content hash the server computed from them, and the IP
-- and browser it saw. The caller has locked the row and checked that it is hers.
create function private.record_submission(request public.form_requests, answers jsonb, content_sha256 text, ip inet, user_agent text)
returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if request.status = 'cancelled' then
    raise exception 'This form was cancelled' using errcode = '55000', hint = 'cancelled';
  end if;
  if request.status = 'submitted' then
    raise exception 'This form was already submitted' using errcode = '55000', hint = 'submitted';
  end if;
  perform private.check_answer_keys(request, answers);
  if content_sha256 is null or content_sha256 !~ '^[0-9a-f]{64}$' then
    raise exception 'A submission needs its content hash' using errcode = '22023', hint = 'not_allowed';
  end if;
  update public.form_requests r
  set answers = record_submission.answers, status = 'submitted', submitted_at = now(), submitted_ip = ip,
      submitted_user_agent = left(user_agent, 512), content_sha256 = record_submission.content_sha256,
      started_at = coalesce(r.started_at, now())
  where r.id = request.id;
end
$$;

-- An intake form, submitted by the client (p_user_id, verified by the server).
create function public.submit_form_request(
  p_request_id uuid,
  p_user_id uuid,
  p_answers jsonb,
  p_content_sha256 text,
  p_ip inet,
  p_user_agent text
)
returns public.form_requests
language plpgsql volatile security definer set search_path = ''
as $$
declare
  request public.form_requests;
begin
  select r.* into request from public.form_requests r
  join public.clients c on c.practice_id = r.practice_id and c.id = r.client_id
  where r.id = p_request_id and c.portal_user_id = p_user_id
  for update of r;
  if not found then
    raise exception 'Not your form' using errcode = '42501', hint = 'not_yours';
  end if;
  if request.kind <> 'intake' then
    raise exception 'An agreement is submitted by signing it' using errcode = '55000', hint = 'not_allowed';
  end if;
  perform private.record_submission(request, p_answers, p_content_sha256, p_ip, p_user_agent);
  select * into request from public.form_requests r where r.id = p_request_id;
  return request;
end
$$;
comment on function public.submit_form_request(uuid, uuid, jsonb, text, inet, text) is
  'Service role: the client (p_user_id, verified by the server) submits her intake answers; the database stamps the time.';

-- One signature, in order: the client (whose signature is her submission: answers and content hash
-- are recorded with it, in this one transaction), the practice, the partner (by her link's token).
-- The last one seals the record; the practice's signature queues the partner's link.
create function public.sign_form_request(
  p_request_id uuid,
  p_role text,
  p_signer_name text,
  p_signer_email text,
  p_image_png bytea,
  p_consent_text text,
  p_ip inet,
  p_user_agent text,
  p_signer_user_id uuid default null,
  p_answers jsonb default null,
  p_content_sha256 text default null,
  p_partner_token text default null
)
returns public.form_requests
language plpgsql volatile security definer set search_path = ''
as $$
declare
  request public.form_requests;
  zone text;
  partner_token text;
  signed_roles text[];
begin
  select * into request from public.form_requests r where r.id = p_request_id for update;
  if not found or request.kind <> 'agreement' then
    raise exception 'No such agreement' using errcode = 'P0002', hint = 'not_yours';
  end if;
  if request.sealed_at is not null then
    raise exception 'This agreement is already sealed' using errcode = '42501', hint = 'sealed';
  end if;
  if request.status = 'cancelled' then
    raise exception 'This agreement was cancelled' using errcode = '55000', hint = 'cancelled';
  end if;
  select coalesce(array_agg(s.role), '{}') into signed_roles from public.form_signatures s where s.request_id = request.id;

  if p_role = 'client' then
    if p_signer_user_id is null or not exists (
      select 1 from public.clients c
      where c.practice_id = request.practice_id and c.id = request.client_id and c.portal_user_id = p_signer_user_id) then
      raise exception 'Not your agreement' using errcode = '42501', hint = 'not_yours';
    end if;
    perform private.record_submission(request, p_answers, p_content_sha256, p_ip, p_user_agent);
    select * into request from public.form_requests r where r.id = p_request_id;
  elsif p_role = 'practice' then
    if not ('client' = any(signed_roles)) or 'practice' = any(signed_roles) then
      raise exception 'The practice countersigns after the client' using errcode = '55000', hint = 'out_of_order';
    end if;
    if p_signer_user_id is null or not private.may_countersign(request, p_signer_user_id) then
      raise exception 'Not allowed to countersign for this practice' using errcode = '42501', hint = 'not_allowed';
    end if;
  elsif p_role = 'partner' then
    if request.partner_email is null then
      raise exception 'No partner was asked to sign' using errcode = '55000', hint = 'no_partner';
    end if;
    if request.partner_token_hash is distinct from encode(extensions.digest(coalesce(p_partner_token, ''), 'sha256'), 'hex')
       or request.partner_token_expires_at <= now() then
      raise exception 'This signing link is not valid' using errcode = '42501', hint = 'not_yours';
    end if;
    if not ('practice' = any(signed_roles)) or 'partner' = any(signed_roles) then
      raise exception 'The partner signs after the practice' using errcode = '55000', hint = 'out_of_order';
    end if;
  else
    raise exception 'Unknown signer role' using errcode = '22023', hint = 'not_allowed';
  end if;

  select p.time_zone into zone from public.practices p where p.id = request.practice_id;
  insert into public.form_signatures (practice_id, client_id, request_id, role, signer_user_id, signer_name, signer_email,
                                      image_png, consent_text, content_sha256, time_zone, ip, user_agent)
  values (request.practice_id, request.client_id, request.id, p_role, p_signer_user_id, btrim(p_signer_name),
          case when p_role = 'partner' then request.partner_email else lower(p_signer_email) end,
          p_image_png, p_consent_text, request.content_sha256, zone, p_ip, left(p_user_agent, 512));

  if p_role = 'client' then
    -- Whoever may countersign hears that it is their turn (the email names no one).
    insert into public.notifications (practice_id, recipient, template, payload, idempotency_key)
    select request.practice_id, lower(u.email), 'form-countersign',
           jsonb_build_object('path', '/dashboard/clients/' || request.client_id::text || '/forms/' || request.id::text),
           'form-countersign:' || request.id::text || ':' || lower(u.email)
    from public.practice_members m join auth.users u on u.id = m.user_id
    where m.practice_id = request.practice_id and u.email is not null and u.deleted_at is null
      and private.may_countersign(request, m.user_id)
    on conflict (idempotency_key) do nothing;
  elsif p_role = 'practice' and request.partner_email is not null then
    partner_token := encode(extensions.gen_random_bytes(32), 'hex');
    update public.form_requests
    set partner_token_hash = encode(extensions.digest(partner_token, 'sha256'), 'hex'),
        partner_token_expires_at = now() + interval '30 days'
    where id = request.id;
    insert into public.notifications (practice_id, recipient, template, payload, idempotency_key)
    select request.practice_id, request.partner_email, 'partner-signature',
           jsonb_build_object('path', '/sign/' || partner_token, 'practiceName', p.name),
           'partner-signature:' || request.id::text
    from public.practices p where p.id = request.practice_id
    on conflict (idempotency_key) do nothing;
  end if;

  if p_role = 'partner' or (p_role = 'practice' and request.partner_email is null) then
    update public.form_requests set sealed_at = now() where id = request.id;
  end if;
  select * into request from public.form_requests r where r.id = p_request_id;
  return request;
end
$$;
comment on function public.sign_form_request(uuid, text, text, text, bytea, text, inet, text, uuid, jsonb, text, text) is
  'Service role: records one signature in order (client with her submission, practice, partner by link) and seals the agreement after the last one.';

-- The partner's link: the request it opens, while it is valid.
create function public.form_request_for_partner(p_token text)
returns uuid
language sql stable security definer set search_path = ''
as $$
  select r.id from public.form_requests r
  where r.partner_token_hash = encode(extensions.digest(coalesce(p_token, ''), 'sha256'), 'hex')
    and r.partner_token_expires_at > now() and r.status = 'submitted'
$$;
comment on function public.form_request_for_partner(text) is 'Service role: the agreement a partner''s signing link opens, or null when the link is unknown or expired.';

-- Reminders, queued once each through the outbox: 3 days after sending, and a day before the due
-- date (in the practice's time zone), for forms still open; never when the practice turned them off.
create function public.enqueue_form_reminders(p_now timestamptz default now())
returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  due record;
  queued integer := 0;
begin
  for due in
    select r.id from public.form_requests r
    join public.practices p on p.id = r.practice_id
    where r.status in ('sent', 'in_progress') and p.form_reminders and r.reminded_after_sent_at is null
      and r.created_at <= p_now - interval '3 days'
    for update of r skip locked
  loop
    update public.form_requests set reminded_after_sent_at = p_now where id = due.id;
    perform private.enqueue_form_request_email(due.id, 'form-reminder', 'after-3-days');
    queued := queued + 1;
  end loop;

  for due in
    select r.id from public.form_requests r
    join public.practices p on p.id = r.practice_id
    where r.status in ('sent', 'in_progress') and p.form_reminders and r.reminded_before_due_at is null
      and r.due_on is not null
      and (p_now at time zone p.time_zone)::date between r.due_on - 1 and r.due_on
      and r.created_at < ((r.due_on - 1)::timestamp at time zone p.time_zone)
    for update of r skip locked
  loop
    update public.form_requests set reminded_before_due_at = p_now where id = due.id;
    perform private.enqueue_form_request_email(due.id, 'form-reminder', 'before-due');
    queued := queued + 1;
  end loop;
  return queued;
end
$$;
comment on function public.enqueue_form_reminders(timestamptz) is
  'Reminder cron: queues each open form''s reminder 3 days after sending and a day before it is due, once each; returns how many.';

-- Storage listings for the export and the erasure.
create function public.export_form_pdf_page(target_practice uuid, after_name text, max_names integer)
returns table (name text, size bigint)
language sql stable security definer set search_path = ''
as $$
  select o.name, coalesce((o.metadata ->> 'size')::bigint, 0)
  from storage.objects o
  where o.bucket_id = 'intake-pdfs' and starts_with(o.name, target_practice::text || '/')
    and o.name > coalesce(after_name, '')
  order by o.name
  limit least(greatest(max_names, 1), 1000)
$$;
comment on function public.export_form_pdf_page(uuid, text, integer) is
  'Service role: the next page of form PDFs under a practice''s prefix, by name after a cursor.';

create function public.erasure_form_pdf_names(prefix text, max_names integer)
returns setof text
language sql stable security definer set search_path = ''
as $$
  select o.name from storage.objects o
  where o.bucket_id = 'intake-pdfs' and starts_with(o.name, prefix) and length(prefix) >= 37
  order by o.name
  limit least(greatest(max_names, 1), 1000)
$$;
comment on function public.erasure_form_pdf_names(text, integer) is
  'Service role: the next form PDFs under a practice (or client) prefix, for removal through the Storage API.';

revoke execute on function public.submit_form_request(uuid, uuid, jsonb, text, inet, text),
  public.sign_form_request(uuid, text, text, text, bytea, text, inet, text, uuid, jsonb, text, text),
  public.form_request_for_partner(text), public.enqueue_form_reminders(timestamptz),
  public.export_form_pdf_page(uuid, text, integer), public.erasure_form_pdf_names(text, integer)
  from public, anon, authenticated;
grant execute on function public.submit_form_request(uuid, uuid, jsonb, text, inet, text),
  public.sign_form_request(uuid, text, text, text, bytea, text, inet, text, uuid, jsonb, text, text),
  public.form_request_for_partner(text), public.enqueue_form_reminders(timestamptz),
  public.export_form_pdf_page(uuid, text, integer), public.erasure_form_pdf_names(text, integer)
  to service_role;

-- The erasure counts form PDFs among the files it will remove (the receipt reports them).
create or replace function public.erasure_inventory(target_practice uuid, target_client uuid default null)
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  t record;
  n bigint;
  tables jsonb := '{}';
  prefix text := target_practice::text || '/' || coalesce(target_client::text || '/', '');
  files bigint;
begin
  if target_client is null then
    select count(*) into n from public.practices where id = target_practice;
    if n = 0 then
      raise exception 'No such practice' using errcode = 'P0002';
    end if;
    tables := jsonb_build_object('practices', n);
  elsif not exists (select 1 from public.clients where id = target_client and practice_id = target_practice) then
    raise exception 'No such client in this practice' using errcode = 'P0002';
  end if;

  for t in
    select c.relname,
           exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'client_id' and not a.attisdropped) as has_client
    from pg_class c
    join pg_namespace s on s.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'practice_id' and not a.attisdropped
    where s.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'practice_deletions'
    order by c.relname
  loop
    if target_client is null then
      execute format('select count(*) from public.%I where practice_id = $1', t.relname) into n using target_practice;
    elsif t.relname = 'clients' then
      n := 1;
    elsif t.has_client then
      execute format('select count(*) from public.%I where practice_id = $1 and client_id = $2', t.relname)
        into n using target_practice, target_client;
    else
      continue;
    end if;
    tables := tables || jsonb_build_object(t.relname, n);
  end loop;

  select count(*) into files from storage.objects o
  where o.bucket_id in ('client-files', 'intake-pdfs') and starts_with(o.name, prefix);

  return jsonb_build_object(
    'tables', tables,
    'files', files,
    'prefix', prefix,
    'logins', coalesce((
      select jsonb_agg(distinct u.id)
      from (
        select m.user_id as id from public.practice_members m
        where target_client is null and m.practice_id = target_practice
        union
        select c.portal_user_id from public.clients c
        where c.practice_id = target_practice and c.portal_user_id is not null
          and (target_client is null or c.id = target_client)
      ) u
      where not exists (select 1 from public.practice_members m
                        where m.user_id = u.id and (target_client is not null or m.practice_id <> target_practice))
        and not exists (select 1 from public.clients c
                        where c.portal_user_id = u.id
                          and (case when target_client is null then c.practice_id <> target_practice
                                    else c.id <> target_client end))
    ), '[]'),
    'portal_emails', coalesce((
      select jsonb_agg(distinct u.email order by u.email)
      from public.clients c join auth.users u on u.id = c.portal_user_id
      where c.practice_id = target_practice and (target_client is null or c.id = target_client) and u.email is not null
    ), '[]')
  );
end
$$;
