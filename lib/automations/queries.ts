import 'server-only'
import { dbFailure, type Db } from '@/lib/server/db'

export interface RuleRow {
  id: string
  onStatus: string
  action: 'send_form' | 'create_task'
  templateName: string | null
  taskTitle: string | null
}

export async function listRules(db: Db, practiceId: string): Promise<RuleRow[]> {
  const { data, error } = await db
    .from('automation_rules')
    .select('id, on_status, action, task_title, template:form_templates(name)')
    .eq('practice_id', practiceId)
    .order('created_at')
  if (error) throw dbFailure('load the automations', error)
  return data.map((r) => ({
    id: r.id,
    onStatus: r.on_status,
    action: r.action === 'send_form' ? 'send_form' : 'create_task',
    templateName: r.template?.name ?? null,
    taskTitle: r.task_title,
  }))
}

export interface RunRow {
  id: string
  firedAt: string
  state: string
  detail: string | null
  onStatus: string
  action: string
  what: string
}

/** What the automations did for one journey, oldest first: the client page's "what happened and when". */
export async function listRuns(db: Db, practiceId: string, journeyId: string): Promise<RunRow[]> {
  const { data, error } = await db
    .from('automation_runs')
    .select('id, fired_at, state, detail, rule:automation_rules!inner(on_status, action, task_title, template:form_templates(name))')
    .eq('practice_id', practiceId)
    .eq('journey_id', journeyId)
    .order('fired_at')
  if (error) throw dbFailure('load what the automations did', error)
  return data.map((r) => ({
    id: r.id,
    firedAt: r.fired_at,
    state: r.state,
    detail: r.detail,
    onStatus: r.rule.on_status,
    action: r.rule.action,
    what: r.rule.action === 'send_form' ? `Send “${r.rule.template?.name ?? 'a form'}”` : `To-do: ${r.rule.task_title ?? ''}`,
  }))
}
