-- ICS subscription feeds: one live feed per (practice, member). The URL carries a random token; only
-- its SHA-256 is stored, so a database leak does not leak working feed URLs. The feed route looks the
-- hash up with the service role (calendar apps send no cookies); members manage only their own feed.

create table public.calendar_feeds (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references public.practices (id) on delete cascade,
  member_id uuid not null,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  private boolean not null default false,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  foreign key (practice_id, member_id) references public.practice_members (practice_id, user_id) on delete cascade
);
comment on table public.calendar_feeds is 'A member''s ICS subscription feed; the URL token is never stored, only its SHA-256.';
comment on column public.calendar_feeds.token_hash is 'Lower-case hex SHA-256 of the URL token.';
comment on column public.calendar_feeds.private is 'When true the feed shows the kind and time of each appointment, never the client.';
comment on column public.calendar_feeds.revoked_at is 'Set when the member revokes or regenerates the URL; a revoked feed answers 404.';
create unique index calendar_feeds_live_key on public.calendar_feeds (practice_id, member_id) where revoked_at is null;
create index calendar_feeds_member_idx on public.calendar_feeds (member_id);

create trigger calendar_feeds_guard_immutable before update on public.calendar_feeds
  for each row execute function private.guard_immutable_columns('id', 'practice_id', 'member_id', 'token_hash', 'created_at');

alter table public.calendar_feeds enable row level security;
grant select, insert on public.calendar_feeds to authenticated;
grant update (private, revoked_at) on public.calendar_feeds to authenticated;
grant select, insert, update, delete on public.calendar_feeds to service_role;

create policy "calendar_feeds: a member reads her own" on public.calendar_feeds
  for select to authenticated
  using (member_id = (select auth.uid()) and practice_id = any(array(select private.practice_ids_for_user())));
create policy "calendar_feeds: a member creates her own" on public.calendar_feeds
  for insert to authenticated
  with check (member_id = (select auth.uid()) and practice_id = any(array(select private.practice_ids_for_user())));
create policy "calendar_feeds: a member updates her own" on public.calendar_feeds
  for update to authenticated
  using (member_id = (select auth.uid()) and practice_id = any(array(select private.practice_ids_for_user())))
  with check (member_id = (select auth.uid()) and practice_id = any(array(select private.practice_ids_for_user())));
