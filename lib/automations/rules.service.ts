import 'server-only'
import { dbFailure, notFound, PG_ERROR, type Db } from '@/lib/server/db'
import { FieldErrors, parseOrFieldErrors } from '@/lib/server/field-errors'
import { RuleFormSchema, RuleRefSchema } from './rule.schema'

/** Adds a status-change rule (owners and admins; RLS refuses anyone else). */
export async function addRule(db: Db, practiceId: string, input: unknown): Promise<{ id: string }> {
  const r = parseOrFieldErrors(RuleFormSchema, input)
  const { data, error } = await db
    .from('automation_rules')
    .insert({
      practice_id: practiceId,
      on_status: r.onStatus,
      action: r.action,
      template_id: r.action === 'send_form' ? r.templateId : null,
      task_title: r.action === 'create_task' ? r.taskTitle : null,
    })
    .select('id')
    .single()
  if (error?.code === PG_ERROR.foreignKeyViolation) throw new FieldErrors({ templateId: 'Choose a form from the list.' })
  if (error?.code === PG_ERROR.insufficientPrivilege) throw notFound('practice')
  if (error) throw dbFailure('add the automation', error)
  return data
}

/** Removes a rule; what it already did stays done, and its runs stay in the history as a removed rule's. */
export async function removeRule(db: Db, practiceId: string, input: unknown): Promise<void> {
  const { ruleId } = parseOrFieldErrors(RuleRefSchema, input)
  const { data, error } = await db.from('automation_rules').delete().eq('practice_id', practiceId).eq('id', ruleId).select('id')
  if (error) throw dbFailure('remove the automation', error)
  if (data.length === 0) throw notFound('automation')
}
