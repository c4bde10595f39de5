-- Sharing a milestone with the client is the doula's choice. The template used to share every item by
-- default, so every new client's portal showed the whole plan before her doula had said a word about it.
-- A template item now starts private unless the practice ticks "Show it in the client's portal".

alter table public.milestone_template_items alter column shared_with_client set default false;
comment on column public.milestone_template_items.shared_with_client is
  'Whether the generated milestone starts out visible in her portal; off unless the practice turns it on.';

create or replace function private.default_milestone_template()
returns table (title text, kind text, offset_days integer, shared_with_client boolean, "position" integer)
language sql immutable set search_path = ''
as $$
  values
    ('Consultation and service agreement', 'admin', -140, false, 0),
    ('First prenatal visit', 'prenatal', -84, false, 1),
    ('Birth preferences drafted', 'prenatal', -56, false, 2),
    ('Second prenatal visit', 'prenatal', -42, false, 3),
    ('Bag packed and car seat installed', 'prenatal', -28, false, 4),
    ('On call begins', 'birth', -14, false, 5),
    ('Estimated due date', 'birth', 0, false, 6),
    ('Postpartum visit', 'postpartum', 7, false, 7),
    ('Six-week check-in', 'postpartum', 42, false, 8)
$$;

-- Items still exactly as seeded were shared by the old default, not by anyone's choice: they become
-- private. An item a practice has edited since (updated_at moved) keeps what the practice chose.
update public.milestone_template_items t
set shared_with_client = false
from private.default_milestone_template() d
where t.shared_with_client
  and t.updated_at = t.created_at
  and t.title = d.title and t.kind = d.kind and t.offset_days = d.offset_days;
