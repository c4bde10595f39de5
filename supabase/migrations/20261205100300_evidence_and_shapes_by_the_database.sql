-- Evidence and free-form JSON, decided by the database rather than by whoever writes the row.
--
-- 1. A form request's evidence (submitted_at, signed_at, signature_ip) was a column like any other:
--    a client could send her own timestamps and address with her answers. Now no API caller writes
--    evidence at all; the row's own trigger stamps it at the moment the client submits or signs,
--    with the address from the platform's proxy header (private.request_ip).
-- 2. clients.address, partner_contacts and utm accepted any JSON up to the request limit. Each now
--    has the shape its column comment documents, with bounded keys, types and lengths.

-- ---------------------------------------------------------------------------------------------
-- 1. Form evidence
-- ---------------------------------------------------------------------------------------------

-- The portal guard lists what a client may change; evidence is no longer among it.
drop trigger form_requests_guard_portal on public.form_requests;
create trigger form_requests_guard_portal before update on public.form_requests
  for each row execute function private.guard_portal_columns('answers', 'status', 'signature_name', 'updated_at');

-- Named to fire after the guards (triggers fire in name order), so a client's own values for the
-- evidence columns are refused before anything is stamped.
create function private.stamp_form_evidence()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  if tg_op = 'INSERT' then
    if new.submitted_at is not null or new.signed_at is not null or new.signature_ip is not null then
      raise exception 'Evidence on a form request is set by the database, not by its sender'
        using errcode = '42501';
    end if;
    return new;
  end if;
  if (new.submitted_at, new.signed_at, new.signature_ip) is distinct from (old.submitted_at, old.signed_at, old.signature_ip) then
    raise exception 'Evidence on a form request is set by the database, not by its sender'
      using errcode = '42501';
  end if;
  if new.status = 'submitted' and old.status is distinct from 'submitted' then
    new.submitted_at := now();
  end if;
  if new.signature_name is not null and new.signature_name is distinct from old.signature_name then
    new.signed_at := now();
    new.signature_ip := private.request_ip();
  end if;
  return new;
end
$$;
comment on function private.stamp_form_evidence() is
  'Refuses evidence written through the API and stamps it: submitted_at on submission, signed_at and signature_ip on signing.';

create trigger form_requests_stamp_evidence before insert or update on public.form_requests
  for each row execute function private.stamp_form_evidence();

-- The trigger runs as the client who signs; reading the request's address header is all it asks.
grant execute on function private.request_header(text), private.request_ip() to authenticated;

-- ---------------------------------------------------------------------------------------------
-- 2. JSON shapes
-- ---------------------------------------------------------------------------------------------

-- An object whose keys are all among `allowed` and whose values are all strings of at most
-- `max_length` characters.
create function private.is_string_record(value jsonb, allowed text[], max_length integer)
returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select jsonb_typeof(value) = 'object'
     and not exists (
       select 1 from jsonb_each(value) as field
       where not (field.key = any(allowed))
          or jsonb_typeof(field.value) <> 'string'
          or length(field.value #>> '{}') > max_length)
$$;

create function private.is_partner_contacts(value jsonb)
returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select jsonb_typeof(value) = 'array'
     and jsonb_array_length(value) <= 10
     and not exists (
       select 1 from jsonb_array_elements(value) as contact
       where not private.is_string_record(contact, array['name', 'relationship', 'phone', 'email'], 320))
$$;

grant execute on function private.is_string_record(jsonb, text[], integer), private.is_partner_contacts(jsonb)
  to authenticated, service_role;

alter table public.clients
  add constraint clients_address_shape
    check (private.is_string_record(address, array['line1', 'line2', 'city', 'region', 'postal_code', 'country'], 200)),
  add constraint clients_partner_contacts_shape
    check (private.is_partner_contacts(partner_contacts)),
  add constraint clients_utm_shape
    check (private.is_string_record(utm, array['source', 'medium', 'campaign', 'term', 'content', 'referrer'], 2048));
