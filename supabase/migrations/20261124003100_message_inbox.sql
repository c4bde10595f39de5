-- The doula's inbox: one row per client thread with its latest activity and unread count.
-- security invoker: the caller's RLS decides which threads exist, so a client calling it sees at
-- most her own thread and a stranger sees nothing.
create function public.message_inbox(practice_id uuid)
returns table (
  client_id uuid,
  first_name text,
  last_name text,
  preferred_name text,
  last_message_at timestamptz,
  last_sender_side text,
  unread_count bigint
)
language sql stable security invoker set search_path = ''
as $$
  select c.id, c.first_name, c.last_name, c.preferred_name,
         max(m.created_at),
         (array_agg(m.sender_side order by m.created_at desc))[1],
         count(*) filter (where m.sender_side = 'client' and m.read_by_practice_at is null)
  from public.messages m
  join public.clients c on c.practice_id = m.practice_id and c.id = m.client_id
  where m.practice_id = message_inbox.practice_id
  group by c.id
  order by max(m.created_at) desc
$$;
comment on function public.message_inbox(uuid) is
  'Inbox for a practice: each client thread with its latest message time and the client messages not yet read.';
revoke execute on function public.message_inbox(uuid) from public, anon;
grant execute on function public.message_inbox(uuid) to authenticated, service_role;
