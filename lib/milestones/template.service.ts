import 'server-only'
import { AppError } from '@/lib/errors'
import { type Db, dbFailure, PG_ERROR, refusal } from '@/lib/server/db'
import { milestoneKind, planMilestones, type MilestoneTemplateItem } from '@/lib/pregnancy/milestones'
import type { CalendarDate } from '@/lib/dates/calendar-date'
import { actionColumns, MoveTemplateItemSchema, RemoveTemplateItemSchema, SaveTemplateItemSchema, toOffsetDays, type MilestoneAction } from './template.schema'
import { FieldErrors, parseOrFieldErrors } from '@/lib/server/field-errors'

export interface TemplateItem extends MilestoneTemplateItem {
  id: string
  position: number
  /** What happens on the milestone's date; generated milestones carry a copy. */
  action: MilestoneAction | null
  actionMessage: string | null
  actionFormTemplateId: string | null
  actionTaskTitle: string | null
  /** The form's name, for settings; null when none is chosen or it was deleted. */
  actionFormName: string | null
}

const ACTIONS: readonly string[] = ['send_message', 'send_form', 'create_task'] satisfies MilestoneAction[]
const milestoneAction = (a: string | null): MilestoneAction | null => (a !== null && ACTIONS.includes(a) ? (a as MilestoneAction) : null)

/** The practice's template in its settings order. Every member may read it. */
export async function listTemplate(db: Db, practiceId: string): Promise<TemplateItem[]> {
  const { data, error } = await db
    .from('milestone_template_items')
    .select('id, title, kind, offset_days, shared_with_client, position, action, action_message, action_form_template_id, action_task_title, form:form_templates(name)')
    .eq('practice_id', practiceId)
    .order('position')
    .order('created_at')
  if (error) throw dbFailure('load the milestone template', error)
  return data.map((r) => ({
    id: r.id,
    title: r.title,
    kind: milestoneKind(r.kind),
    offsetDays: r.offset_days,
    sharedWithClient: r.shared_with_client,
    position: r.position,
    action: milestoneAction(r.action),
    actionMessage: r.action_message,
    actionFormTemplateId: r.action_form_template_id,
    actionTaskTitle: r.action_task_title,
    actionFormName: r.form?.name ?? null,
  }))
}

/** The milestones a new journey with this due date starts with, shaped for add_journey's p_milestones. */
export async function journeyMilestones(db: Db, practiceId: string, dueDate: CalendarDate | null) {
  if (!dueDate) return []
  return planMilestones(dueDate, await listTemplate(db, practiceId)).map(generatedMilestone)
}

/** One generated milestone as add_journey and import_clients take it, with its item's action. */
export function generatedMilestone(m: Omit<TemplateItem, 'offsetDays'> & { dueOn: CalendarDate }) {
  return {
    title: m.title,
    kind: m.kind,
    due_on: m.dueOn,
    shared_with_client: m.sharedWithClient,
    action: m.action,
    action_message: m.actionMessage,
    action_form_template_id: m.actionFormTemplateId,
    action_task_title: m.actionTaskTitle,
  }
}

async function itemIsVisible(db: Db, practiceId: string, itemId: string): Promise<boolean> {
  const { data, error } = await db.from('milestone_template_items').select('id').eq('practice_id', practiceId).eq('id', itemId).maybeSingle()
  if (error) throw dbFailure('load the template item', error)
  return data !== null
}

async function practiceIsVisible(db: Db, practiceId: string): Promise<boolean> {
  const { data, error } = await db.from('practices').select('id').eq('id', practiceId).maybeSingle()
  if (error) throw dbFailure('load the practice', error)
  return data !== null
}


/** Adds an item at the end of the template, or (with `itemId`) changes it. Owners and admins only. */
export async function saveTemplateItem(db: Db, practiceId: string, input: unknown): Promise<{ itemId: string }> {
  const item = parseOrFieldErrors(SaveTemplateItemSchema, input)
  const fields = {
    title: item.title,
    kind: item.kind,
    offset_days: toOffsetDays(item.timing, item.amount),
    shared_with_client: item.sharedWithClient,
    ...actionColumns(item),
  }
  if (item.itemId) {
    const { data, error } = await db
      .from('milestone_template_items')
      .update(fields)
      .eq('practice_id', practiceId)
      .eq('id', item.itemId)
      .select('id')
    if (error?.code === PG_ERROR.foreignKeyViolation) throw new FieldErrors({ actionFormTemplateId: 'Choose a form from the list.' })
    if (error) throw dbFailure('save the template item', error)
    if (data.length === 0) throw refusal(await itemIsVisible(db, practiceId, item.itemId), 'template item')
    return { itemId: item.itemId }
  }
  const items = await listTemplate(db, practiceId)
  const position = items.reduce((max, i) => Math.max(max, i.position + 1), 0)
  const { data, error } = await db
    .from('milestone_template_items')
    .insert({ practice_id: practiceId, position, ...fields })
    .select('id')
    .single()
  if (error?.code === PG_ERROR.foreignKeyViolation) throw new FieldErrors({ actionFormTemplateId: 'Choose a form from the list.' })
  if (error?.code === PG_ERROR.insufficientPrivilege) throw refusal(await practiceIsVisible(db, practiceId), 'practice')
  if (error) throw dbFailure('add the template item', error)
  return { itemId: data.id }
}

export async function removeTemplateItem(db: Db, practiceId: string, input: unknown): Promise<void> {
  const { itemId } = parseOrFieldErrors(RemoveTemplateItemSchema, input)
  const { data, error } = await db.from('milestone_template_items').delete().eq('practice_id', practiceId).eq('id', itemId).select('id')
  if (error) throw dbFailure('remove the template item', error)
  if (data.length === 0) throw refusal(await itemIsVisible(db, practiceId, itemId), 'template item')
}

/** Moves an item one place up or down; the whole order is written in one statement. */
export async function moveTemplateItem(db: Db, practiceId: string, input: unknown): Promise<void> {
  const { itemId, direction } = parseOrFieldErrors(MoveTemplateItemSchema, input)
  const ids = (await listTemplate(db, practiceId)).map((i) => i.id)
  const from = ids.indexOf(itemId)
  if (from === -1) throw refusal(false, 'template item')
  const to = direction === 'up' ? from - 1 : from + 1
  if (to < 0 || to >= ids.length) return
  ;[ids[from], ids[to]] = [ids[to]!, ids[from]!]
  const { data: moved, error } = await db.rpc('reorder_milestone_template', { p_practice_id: practiceId, p_item_ids: ids })
  if (error?.code === PG_ERROR.serializationFailure) {
    throw new AppError({ code: 'conflict', message: 'The template changed in the meantime. Reload the page and try again.', cause: error })
  }
  if (error) throw dbFailure('reorder the template', error)
  if (moved === 0) throw refusal(true, 'template item')
}
