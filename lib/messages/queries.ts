import 'server-only'
import { z } from 'zod'
import type { ClientRef } from '@/lib/clients/client.schema'
import { dbFailure, type Db } from '@/lib/server/db'

export type Side = 'practice' | 'client'

export const MessageSchema = z
  .object({
    id: z.uuid(),
    sender_side: z.enum(['practice', 'client']),
    body: z.string(),
    created_at: z.string(),
    read_by_practice_at: z.string().nullable(),
    read_by_client_at: z.string().nullable(),
    // The automation run that sent it; members read runs, so only they learn a message was automatic.
    automation_runs: z.array(z.object({ id: z.uuid() })),
  })
  .transform(({ automation_runs, ...m }) => ({ ...m, automated: automation_runs.length > 0 }))
export type Message = z.infer<typeof MessageSchema>
const MESSAGE_COLUMNS = 'id, sender_side, body, created_at, read_by_practice_at, read_by_client_at, automation_runs(id)'

export const InboxRowSchema = z.object({
  client_id: z.uuid(),
  first_name: z.string(),
  last_name: z.string(),
  preferred_name: z.string().nullable(),
  last_message_at: z.string(),
  last_sender_side: z.enum(['practice', 'client']),
  last_sender_id: z.uuid().nullable(),
  unread_count: z.coerce.number().int(),
})
export type InboxRow = z.infer<typeof InboxRowSchema>

const THREAD_LIMIT = 200

/** The client a member's thread is with, named as lists name her; null when she is not the practice's. */
export async function getCorrespondent(db: Db, { practiceId, clientId }: ClientRef): Promise<{ first_name: string; last_name: string; preferred_name: string | null } | null> {
  const { data, error } = await db
    .from('clients')
    .select('first_name, last_name, preferred_name')
    .eq('practice_id', practiceId)
    .eq('id', clientId)
    .maybeSingle()
  if (error) throw dbFailure('load this client', error)
  return data
}

/** The newest THREAD_LIMIT messages of a thread, oldest first (as a conversation reads). */
export async function listThread(db: Db, { practiceId, clientId }: ClientRef): Promise<Message[]> {
  const { data, error } = await db
    .from('messages')
    .select(MESSAGE_COLUMNS)
    .eq('practice_id', practiceId)
    .eq('client_id', clientId)
    .order('created_at', { ascending: false })
    .limit(THREAD_LIMIT)
  if (error) throw dbFailure('load messages', error)
  return MessageSchema.array().parse(data).reverse()
}

/** Stamps the read receipt on the other side's unread messages; returns how many were stamped. */
export async function markThreadRead(db: Db, reader: Side, { practiceId, clientId }: ClientRef): Promise<number> {
  const column = reader === 'practice' ? 'read_by_practice_at' : 'read_by_client_at'
  const stamp = new Date().toISOString()
  const { data, error } = await db
    .from('messages')
    .update(reader === 'practice' ? { read_by_practice_at: stamp } : { read_by_client_at: stamp })
    .eq('practice_id', practiceId)
    .eq('client_id', clientId)
    .eq('sender_side', reader === 'practice' ? 'client' : 'practice')
    .is(column, null)
    .select('id')
  if (error) throw dbFailure('mark messages read', error)
  return data.length
}

export async function postMessage(db: Db, sender: { userId: string; side: Side }, thread: ClientRef, body: string): Promise<Message> {
  const { data, error } = await db
    .from('messages')
    .insert({ practice_id: thread.practiceId, client_id: thread.clientId, sender_id: sender.userId, sender_side: sender.side, body })
    .select(MESSAGE_COLUMNS)
    .single()
  if (error) throw dbFailure('send the message', error)
  return MessageSchema.parse(data)
}

export async function listInbox(db: Db, practiceId: string): Promise<InboxRow[]> {
  const { data, error } = await db.rpc('message_inbox', { practice_id: practiceId })
  if (error) throw dbFailure('load the inbox', error)
  return InboxRowSchema.array().parse(data)
}

/** Practice messages the client has not read yet (for her home page and the tab badge). */
export async function countUnreadForClient(db: Db, { practiceId, clientId }: ClientRef): Promise<number> {
  const { count, error } = await db
    .from('messages')
    .select('id', { count: 'exact', head: true })
    .eq('practice_id', practiceId)
    .eq('client_id', clientId)
    .eq('sender_side', 'practice')
    .is('read_by_client_at', null)
  if (error) throw dbFailure('count unread messages', error)
  return count ?? 0
}
