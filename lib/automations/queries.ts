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
  /** What fired it: a status change (`onStatus`) or a milestone's date (`milestoneTitle`, `milestoneDueOn`). */
  source: 'status_rule' | 'due_date'
  onStatus: string | null
  milestoneTitle: string | null
  milestoneDueOn: string | null
  /** A status rule that has since been removed (its history stays). */
  ruleRemoved: boolean
  what: string
}

/**
 * What the automations did for one journey, oldest first: the client page's "what happened and when".
 * Each run carries a snapshot of what it was for, so runs of removed rules and deleted milestones stay.
 */
export async function listRuns(db: Db, practiceId: string, journeyId: string): Promise<RunRow[]> {
  const { data, error } = await db
    .from('automation_runs')
    .select('id, fired_at, state, detail, source, rule_id, on_status, milestone_title, milestone_due_on, summary')
    .eq('practice_id', practiceId)
    .eq('journey_id', journeyId)
    .order('fired_at')
    .order('id')
  if (error) throw dbFailure('load what the automations did', error)
  return data.map((r) => ({
    id: r.id,
    firedAt: r.fired_at,
    state: r.state,
    detail: r.detail,
    source: r.source === 'due_date' ? 'due_date' : 'status_rule',
    onStatus: r.on_status,
    milestoneTitle: r.milestone_title,
    milestoneDueOn: r.milestone_due_on,
    ruleRemoved: r.source === 'status_rule' && r.rule_id === null,
    what: r.summary ?? 'An automation',
  }))
}
