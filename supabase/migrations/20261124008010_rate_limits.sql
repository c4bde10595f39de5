-- Rate limits for costly or destructive requests (S33), kept in Postgres because serverless
-- instances share no memory. A sliding window per (subject, action): each allowed request leaves
-- one row; refused requests leave none, so hammering does not push the window further out.
-- Only the server calls this, with the service role and the verified user id as the subject.

create table private.rate_limit_hits (
  subject uuid not null,
  action text not null check (action ~ '^[a-z][a-z0-9_.]{0,63}$'),
  hit_at timestamptz not null default now()
);
comment on table private.rate_limit_hits is 'One row per allowed rate-limited request, kept for at most a day.';
comment on column private.rate_limit_hits.subject is 'The verified user the limit applies to (no FK: a deleted login''s rows expire on their own).';
comment on column private.rate_limit_hits.action is 'What was limited, e.g. export.create or account.erase.';
create index rate_limit_hits_subject_action_idx on private.rate_limit_hits (subject, action, hit_at);
create index rate_limit_hits_hit_at_idx on private.rate_limit_hits (hit_at);
alter table private.rate_limit_hits enable row level security;
revoke all on private.rate_limit_hits from public, anon, authenticated, service_role;

-- Returns 0 and counts the request when it is allowed; otherwise the seconds until it will be.
create function public.consume_rate_limit(subject uuid, action text, max_hits integer, window_seconds integer)
returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  span interval;
  used integer;
  oldest timestamptz;
begin
  if subject is null or max_hits is null or max_hits < 1 or window_seconds is null
     or window_seconds not between 1 and 86400 then
    raise exception 'Invalid rate limit' using errcode = '22023';
  end if;
  span := make_interval(secs => window_seconds);
  -- Concurrent requests of one subject queue here, so two of them cannot both take the last slot.
  perform pg_advisory_xact_lock(hashtextextended(subject::text || '/' || action, 0));
  delete from private.rate_limit_hits h where h.hit_at < now() - interval '1 day';
  select count(*), min(h.hit_at) into used, oldest
  from private.rate_limit_hits h
  where h.subject = consume_rate_limit.subject and h.action = consume_rate_limit.action and h.hit_at > now() - span;
  if used >= max_hits then
    return greatest(1, ceil(extract(epoch from (oldest + span - now())))::integer);
  end if;
  insert into private.rate_limit_hits (subject, action) values (consume_rate_limit.subject, consume_rate_limit.action);
  return 0;
end
$$;
comment on function public.consume_rate_limit(uuid, text, integer, integer) is
  'Service role: counts one request of the subject against a sliding window; 0 when allowed, else seconds to wait.';
revoke execute on function public.consume_rate_limit(uuid, text, integer, integer) from public, anon, authenticated;
grant execute on function public.consume_rate_limit(uuid, text, integer, integer) to service_role;
