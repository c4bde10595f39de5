-- An appointment lasts at most three days on the practice's wall clock (the form's rule, which catches a
-- mistyped end date). On instants that is at most 74 hours: a clock change adds up to two (Antarctica/Troll).
-- Holding the bound here lets "what is still under way" be found from an index range on starts_at.
alter table public.appointments
  add constraint appointments_length_check check (ends_at <= starts_at + interval '74 hours');
