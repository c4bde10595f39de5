import 'server-only'
import { dbFailure, type Db } from '@/lib/server/db'

export interface Task {
  id: string
  title: string
  dueOn: string | null
  assigneeId: string | null
  clientId: string | null
  clientName: string | null
  done: boolean
}

const TASK_COLUMNS = 'id, title, due_on, assignee_id, client_id, done_at, clients(first_name, last_name, preferred_name)'
const LIMIT = 50

/**
 * Open to-dos first (by due date, undated last), then up to a handful ticked off today or later,
 * so a tick can be undone. `clientId` narrows to one client's; without it, the whole practice's.
 */
export async function listTasks(db: Db, practiceId: string, clientId?: string): Promise<Task[]> {
  let query = db.from('tasks').select(TASK_COLUMNS).eq('practice_id', practiceId)
  if (clientId) query = query.eq('client_id', clientId)
  const { data, error } = await query
    .order('done_at', { ascending: false, nullsFirst: true })
    .order('due_on', { ascending: true, nullsFirst: false })
    .order('created_at', { ascending: true })
    .limit(LIMIT)
  if (error) throw dbFailure('load the to-dos', error)
  return data.map((t) => ({
    id: t.id,
    title: t.title,
    dueOn: t.due_on,
    assigneeId: t.assignee_id,
    clientId: t.client_id,
    clientName: t.clients ? `${t.clients.preferred_name || t.clients.first_name} ${t.clients.last_name}`.trim() : null,
    done: t.done_at !== null,
  }))
}
