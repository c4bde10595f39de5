-- The Today page's pipeline: how many journeys a practice has in each status, in one statement
-- instead of one count request per status. Security invoker, so the caller's RLS decides which
-- journeys are counted (a non-member gets no rows); statuses without journeys are absent.
create function public.journey_status_counts(p_practice_id uuid)
returns table (status text, journeys bigint)
language sql stable security invoker set search_path = ''
as $$
  select j.status, count(*)
  from public.journeys j
  where j.practice_id = p_practice_id
  group by j.status
$$;
comment on function public.journey_status_counts(uuid) is
  'Journeys per status in one practice, under the caller''s RLS (empty for non-members).';
revoke execute on function public.journey_status_counts(uuid) from public, anon;
grant execute on function public.journey_status_counts(uuid) to authenticated, service_role;
