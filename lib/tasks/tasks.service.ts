import 'server-only'
import { dbFailure, notFound, PG_ERROR, type Db } from '@/lib/server/db'
import { FieldErrors, parseOrFieldErrors } from '@/lib/server/field-errors'
import { TaskDoneSchema, TaskFormSchema } from './task.schema'

/** Adds a to-do to the practice; another practice's client or a non-member assignee is refused at the field. */
export async function addTask(db: Db, practiceId: string, input: unknown): Promise<{ id: string }> {
  const t = parseOrFieldErrors(TaskFormSchema, input)
  const { data, error } = await db
    .from('tasks')
    .insert({ practice_id: practiceId, title: t.title, due_on: t.dueOn || null, assignee_id: t.assigneeId || null, client_id: t.clientId || null })
    .select('id')
    .single()
  if (error?.code === PG_ERROR.foreignKeyViolation) {
    throw new FieldErrors(error.message.includes('client') ? { clientId: 'That client was not found.' } : { assigneeId: 'Choose someone on your team.' })
  }
  // RLS refuses a practice she is not a member of: to her it does not exist.
  if (error?.code === PG_ERROR.insufficientPrivilege) throw notFound('practice')
  if (error) throw dbFailure('add the to-do', error)
  return data
}

/** Ticks a to-do off (or back on). Another practice's task is `not_found`. */
export async function setTaskDone(db: Db, practiceId: string, input: unknown): Promise<void> {
  const { taskId, done } = parseOrFieldErrors(TaskDoneSchema, input)
  const { data, error } = await db
    .from('tasks')
    .update({ done_at: done ? new Date().toISOString() : null })
    .eq('practice_id', practiceId)
    .eq('id', taskId)
    .select('id')
  if (error) throw dbFailure('update the to-do', error)
  if (data.length === 0) throw notFound('to-do')
}
