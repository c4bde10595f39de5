import { z } from 'zod'
import { MAX_OFFSET_DAYS, MIN_OFFSET_DAYS } from '@/lib/pregnancy/milestones'
import { TERM_DAYS } from '@/lib/pregnancy/gestation'
import { MilestoneKindSchema, MilestoneTitleSchema } from './milestone.schema'

/** How the settings form states an item's timing; stored as one offset in days from the due date. */
export const TIMINGS = ['weeks_pregnant', 'days_before_due', 'days_after_due'] as const
export type Timing = (typeof TIMINGS)[number]
export const TIMING_LABELS: Record<Timing, string> = {
  weeks_pregnant: 'weeks pregnant',
  days_before_due: 'days before the due date',
  days_after_due: 'days after the due date',
}

const LIMITS: Record<Timing, { min: number; max: number; message: string }> = {
  weeks_pregnant: { min: 1, max: TERM_DAYS / 7, message: 'Enter a week from 1 to 40.' },
  days_before_due: { min: 1, max: -MIN_OFFSET_DAYS, message: `Enter a number of days from 1 to ${-MIN_OFFSET_DAYS}.` },
  days_after_due: { min: 0, max: MAX_OFFSET_DAYS, message: `Enter a number of days from 0 to ${MAX_OFFSET_DAYS}.` },
}

/** What a template item can do on its milestone's date ('none': nothing). */
export const MILESTONE_ACTIONS = ['none', 'send_message', 'send_form', 'create_task'] as const
export type MilestoneAction = Exclude<(typeof MILESTONE_ACTIONS)[number], 'none'>
export const MILESTONE_ACTION_LABELS: Record<(typeof MILESTONE_ACTIONS)[number], string> = {
  none: 'Nothing',
  send_message: 'Send her a message',
  send_form: 'Send her a form or agreement',
  create_task: 'Add a to-do for her primary doula',
}

export const SaveTemplateItemSchema = z
  .object({
    itemId: z.uuid().optional(),
    title: MilestoneTitleSchema,
    kind: MilestoneKindSchema,
    timing: z.enum(TIMINGS, 'Choose when it happens.'),
    // An emptied number input sends '', which must not coerce to 0.
    amount: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number<unknown>('Enter a number.').int('Enter a whole number.')),
    sharedWithClient: z.boolean(),
    action: z.enum(MILESTONE_ACTIONS, 'Choose what happens on its date.').default('none'),
    actionMessage: z.string().trim().max(2000, 'Keep the message under 2,000 characters.').default(''),
    actionFormTemplateId: z.union([z.literal(''), z.uuid('Choose a form from the list.')]).default(''),
    actionTaskTitle: z.string().trim().max(200, 'Keep it under 200 characters.').default(''),
  })
  .superRefine((v, ctx) => {
    const { min, max, message } = LIMITS[v.timing]
    if (v.amount < min || v.amount > max) ctx.addIssue({ code: 'custom', path: ['amount'], message })
    if (v.action === 'send_message' && v.actionMessage === '') ctx.addIssue({ code: 'custom', path: ['actionMessage'], message: 'Write the message she will get.' })
    if (v.action === 'send_form' && v.actionFormTemplateId === '') ctx.addIssue({ code: 'custom', path: ['actionFormTemplateId'], message: 'Choose a form to send.' })
    if (v.action === 'create_task' && v.actionTaskTitle === '') ctx.addIssue({ code: 'custom', path: ['actionTaskTitle'], message: 'Say what the to-do is.' })
  })
export type SaveTemplateItemInput = z.input<typeof SaveTemplateItemSchema>

export function toOffsetDays(timing: Timing, amount: number): number {
  if (timing === 'weeks_pregnant') return amount * 7 - TERM_DAYS
  return timing === 'days_before_due' ? -amount : amount
}

/** The form's view of a stored offset; every offset maps back to itself. */
export function fromOffsetDays(offsetDays: number): { timing: Timing; amount: number } {
  if (offsetDays > 0) return { timing: 'days_after_due', amount: offsetDays }
  if (offsetDays % 7 === 0 && offsetDays > -TERM_DAYS) return { timing: 'weeks_pregnant', amount: (offsetDays + TERM_DAYS) / 7 }
  return { timing: 'days_before_due', amount: -offsetDays }
}

export const RemoveTemplateItemSchema = z.object({ itemId: z.uuid() })
export const MoveTemplateItemSchema = z.object({ itemId: z.uuid(), direction: z.enum(['up', 'down']) })

/** The stored columns of an item's action (only the chosen action's field is kept). */
export function actionColumns(v: Pick<z.output<typeof SaveTemplateItemSchema>, 'action' | 'actionMessage' | 'actionFormTemplateId' | 'actionTaskTitle'>) {
  return {
    action: v.action === 'none' ? null : v.action,
    action_message: v.action === 'send_message' ? v.actionMessage : null,
    action_form_template_id: v.action === 'send_form' ? v.actionFormTemplateId : null,
    action_task_title: v.action === 'create_task' ? v.actionTaskTitle : null,
  }
}
