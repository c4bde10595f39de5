-- Messages (one thread per client and practice), documents (rows mirroring objects in the private
-- client-files bucket) and forms (templates and the requests sent to clients).

-- ---------------------------------------------------------------------------------------------
-- messages
-- ---------------------------------------------------------------------------------------------

create table public.messages (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  client_id uuid not null,
  sender_id uuid default auth.uid() references auth.users (id) on delete set null,
  sender_side text not null check (sender_side in ('practice', 'client')),
  body text not null check (length(btrim(body)) between 1 and 10000),
  read_by_practice_at timestamptz,
  read_by_client_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (practice_id, client_id) references public.clients (practice_id, id) on delete cascade
);
comment on table public.messages is 'The message thread between a practice and one client (the thread is keyed by client_id).';
comment on column public.messages.sender_side is 'practice: written by a member; client: written by the client in her portal.';
comment on column public.messages.read_by_practice_at is 'When a member first read a client message.';
comment on column public.messages.read_by_client_at is 'When the client first read a practice message.';
create index messages_thread_idx on public.messages (practice_id, client_id, created_at);
create index messages_sender_id_idx on public.messages (sender_id);

-- Messages are never edited: the column grants below allow updating the read receipts only, and
-- each side may only stamp its own receipt.
create function private.guard_message_receipts()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  if new.practice_id in (select private.practice_ids_for_user()) then
    if new.read_by_client_at is distinct from old.read_by_client_at then
      raise exception 'Members may only mark messages read for the practice' using errcode = '42501';
    end if;
  elsif new.read_by_practice_at is distinct from old.read_by_practice_at then
    raise exception 'Clients may only mark messages read for themselves' using errcode = '42501';
  end if;
  return new;
end
$$;

create trigger messages_guard_immutable before update on public.messages
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'client_id', 'sender_id', 'sender_side', 'body', 'created_at');
create trigger messages_guard_receipts before update on public.messages
  for each row execute function private.guard_message_receipts();

-- ---------------------------------------------------------------------------------------------
-- documents
-- ---------------------------------------------------------------------------------------------

create table public.documents (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  client_id uuid not null,
  journey_id uuid,
  storage_path text not null unique,
  file_name text not null check (length(btrim(file_name)) between 1 and 255),
  mime_type text not null
    check (mime_type in ('application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/heif')),
  size_bytes bigint not null check (size_bytes between 1 and 20971520),
  kind text not null default 'other'
    check (kind in ('intake', 'agreement', 'birth_plan', 'lab_result', 'photo', 'form', 'other')),
  shared_with_client boolean not null default false,
  uploaded_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (practice_id, client_id, id),
  check (storage_path like practice_id::text || '/' || client_id::text || '/_%'),
  foreign key (practice_id, client_id) references public.clients (practice_id, id) on delete cascade,
  foreign key (practice_id, client_id, journey_id) references public.journeys (practice_id, client_id, id)
    on delete set null (journey_id)
);
comment on table public.documents is 'A file in the client-files bucket; the object key is storage_path under <practice_id>/<client_id>/.';
comment on column public.documents.storage_path is 'Object name in bucket client-files; server-generated, the user''s file name is only in file_name.';
comment on column public.documents.file_name is 'The original file name, for display and downloads only.';
comment on column public.documents.shared_with_client is 'The client may read this document (row and object) when true.';
comment on column public.documents.uploaded_by is 'The login that uploaded it; a client may delete her own uploads.';
create index documents_client_idx on public.documents (practice_id, client_id, created_at);
create index documents_journey_idx on public.documents (practice_id, client_id, journey_id);
create index documents_uploaded_by_idx on public.documents (uploaded_by);

create trigger documents_guard_immutable before update on public.documents
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'client_id', 'storage_path', 'uploaded_by', 'created_at');
create trigger documents_touch_updated_at before update on public.documents
  for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- form_templates and form_requests
-- ---------------------------------------------------------------------------------------------

create table public.form_templates (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 200),
  kind text not null default 'intake' check (kind in ('intake', 'agreement', 'questionnaire')),
  fields jsonb not null default '[]' check (jsonb_typeof(fields) = 'array'),
  requires_signature boolean not null default false,
  archived_at timestamptz,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (practice_id, id)
);
comment on table public.form_templates is 'Reusable intake forms and agreements of a practice.';
comment on column public.form_templates.fields is 'Ordered field definitions: [{id, type, label, required, options}].';
create index form_templates_created_by_idx on public.form_templates (created_by);

create trigger form_templates_guard_immutable before update on public.form_templates
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'created_by', 'created_at');
create trigger form_templates_touch_updated_at before update on public.form_templates
  for each row execute function private.touch_updated_at();

create table public.form_requests (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  client_id uuid not null,
  journey_id uuid,
  template_id uuid,
  template_snapshot jsonb not null check (jsonb_typeof(template_snapshot) = 'object'),
  status text not null default 'sent' check (status in ('sent', 'in_progress', 'submitted', 'cancelled')),
  answers jsonb not null default '{}' check (jsonb_typeof(answers) = 'object'),
  signature_name text check (length(signature_name) <= 200),
  signed_at timestamptz,
  signature_ip inet,
  submitted_at timestamptz,
  document_id uuid,
  requested_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (practice_id, client_id) references public.clients (practice_id, id) on delete cascade,
  foreign key (practice_id, client_id, journey_id) references public.journeys (practice_id, client_id, id)
    on delete set null (journey_id),
  foreign key (practice_id, template_id) references public.form_templates (practice_id, id)
    on delete set null (template_id),
  foreign key (practice_id, client_id, document_id) references public.documents (practice_id, client_id, id)
    on delete set null (document_id)
);
comment on table public.form_requests is 'A form sent to a client: a snapshot of the template, her answers and signature.';
comment on column public.form_requests.template_snapshot is 'The template (name, kind, fields) as sent; later template edits do not change it.';
comment on column public.form_requests.status is 'sent -> in_progress -> submitted, or cancelled by the practice.';
comment on column public.form_requests.signature_name is 'The typed name the client signed with.';
comment on column public.form_requests.signature_ip is 'The IP the signature was given from.';
comment on column public.form_requests.document_id is 'The rendered PDF of the submitted form, once generated.';
create index form_requests_client_idx on public.form_requests (practice_id, client_id, created_at);
create index form_requests_journey_idx on public.form_requests (practice_id, client_id, journey_id);
create index form_requests_template_idx on public.form_requests (practice_id, template_id);
create index form_requests_document_idx on public.form_requests (practice_id, client_id, document_id);
create index form_requests_requested_by_idx on public.form_requests (requested_by);

create trigger form_requests_guard_immutable before update on public.form_requests
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'client_id', 'template_snapshot', 'requested_by', 'created_at');
create trigger form_requests_guard_portal before update on public.form_requests
  for each row execute function private.guard_portal_columns('answers', 'status', 'signature_name', 'signed_at', 'signature_ip', 'submitted_at', 'updated_at');
create trigger form_requests_touch_updated_at before update on public.form_requests
  for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Grants and policies
-- ---------------------------------------------------------------------------------------------

alter table public.messages enable row level security;
alter table public.documents enable row level security;
alter table public.form_templates enable row level security;
alter table public.form_requests enable row level security;

grant select, insert on public.messages to authenticated;
grant update (read_by_practice_at, read_by_client_at) on public.messages to authenticated;
grant select, insert, update, delete on public.messages to service_role;
grant select, insert, update, delete on public.documents, public.form_templates, public.form_requests
  to authenticated, service_role;

create policy "messages: members read their practice's threads, a client reads her own" on public.messages
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user()))
         or client_id = any(array(select private.client_ids_for_user())));
create policy "messages: members post for the practice, a client posts in her own thread" on public.messages
  for insert to authenticated
  with check (sender_id = (select auth.uid()) and (
    (sender_side = 'practice' and practice_id = any(array(select private.practice_ids_for_user())))
    or (sender_side = 'client' and client_id = any(array(select private.client_ids_for_user())))));
create policy "messages: each side marks the other side's messages read" on public.messages
  for update to authenticated
  using ((sender_side = 'client' and practice_id = any(array(select private.practice_ids_for_user())))
         or (sender_side = 'practice' and client_id = any(array(select private.client_ids_for_user()))))
  with check ((sender_side = 'client' and practice_id = any(array(select private.practice_ids_for_user())))
              or (sender_side = 'practice' and client_id = any(array(select private.client_ids_for_user()))));

create policy "documents: members read all, a client reads shared documents and her uploads" on public.documents
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user()))
         or (client_id = any(array(select private.client_ids_for_user()))
             and (shared_with_client or uploaded_by = (select auth.uid()))));
create policy "documents: members and the client herself record uploads" on public.documents
  for insert to authenticated
  with check (uploaded_by = (select auth.uid()) and (
    practice_id = any(array(select private.practice_ids_for_user()))
    or client_id = any(array(select private.client_ids_for_user()))));
create policy "documents: members can update" on public.documents
  for update to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())))
  with check (practice_id = any(array(select private.practice_ids_for_user())));
create policy "documents: members delete any, a client deletes her own uploads" on public.documents
  for delete to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user()))
         or (client_id = any(array(select private.client_ids_for_user())) and uploaded_by = (select auth.uid())));

create policy "form_templates: members can read" on public.form_templates
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())));
create policy "form_templates: owners and admins can add" on public.form_templates
  for insert to authenticated
  with check (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));
create policy "form_templates: owners and admins can update" on public.form_templates
  for update to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))))
  with check (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));
create policy "form_templates: owners and admins can delete" on public.form_templates
  for delete to authenticated
  using (practice_id = any(array(select private.practice_ids_with_role('{owner,admin}'))));

create policy "form_requests: members read all, a client reads her own" on public.form_requests
  for select to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user()))
         or client_id = any(array(select private.client_ids_for_user())));
create policy "form_requests: members can send" on public.form_requests
  for insert to authenticated
  with check (practice_id = any(array(select private.practice_ids_for_user())));
create policy "form_requests: members update, a client fills in her open forms" on public.form_requests
  for update to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user()))
         or (client_id = any(array(select private.client_ids_for_user())) and status in ('sent', 'in_progress')))
  with check (practice_id = any(array(select private.practice_ids_for_user()))
              or (client_id = any(array(select private.client_ids_for_user())) and status in ('in_progress', 'submitted')));
create policy "form_requests: members can delete" on public.form_requests
  for delete to authenticated
  using (practice_id = any(array(select private.practice_ids_for_user())));
