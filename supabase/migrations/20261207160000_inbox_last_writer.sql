-- The inbox said "You wrote" for every practice-side last message: a teammate's reply and a message
-- a due-date automation sent (no sender) read as the viewer's own. The inbox now also returns who
-- sent the latest message, so the page can say "You wrote", "A teammate wrote" or "Sent automatically".
-- The return type changes, so the function is dropped and created again (same access, same rows).

drop function public.message_inbox(uuid);
create function public.message_inbox(practice_id uuid)
returns table (
  client_id uuid,
  first_name text,
  last_name text,
  preferred_name text,
  last_message_at timestamptz,
  last_sender_side text,
  last_sender_id uuid,
  unread_count bigint
)
language sql stable security invoker set search_path = ''
as $$
  select c.id, c.first_name, c.last_name, c.preferred_name,
         max(m.created_at),
         (array_agg(m.sender_side order by m.created_at desc))[1],
         (array_agg(m.sender_id order by m.created_at desc))[1],
         count(*) filter (where m.sender_side = 'client' and m.read_by_practice_at is null)
  from public.messages m
  join public.clients c on c.practice_id = m.practice_id and c.id = m.client_id
  where m.practice_id = message_inbox.practice_id
  group by c.id
  order by max(m.created_at) desc
$$;
comment on function public.message_inbox(uuid) is
  'Inbox for a practice: each client thread with its latest message time and sender, and the client messages not yet read.';
revoke execute on function public.message_inbox(uuid) from public, anon;
grant execute on function public.message_inbox(uuid) to authenticated, service_role;
