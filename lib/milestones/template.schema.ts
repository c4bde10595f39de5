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

export const SaveTemplateItemSchema = z
  .object({
    itemId: z.uuid().optional(),
    title: MilestoneTitleSchema,
    kind: MilestoneKindSchema,
    timing: z.enum(TIMINGS, 'Choose when it happens.'),
    // An emptied number input sends '', which must not coerce to 0.
    amount: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number<unknown>('Enter a number.').int('Enter a whole number.')),
    sharedWithClient: z.boolean(),
  })
  .superRefine((v, ctx) => {
    const { min, max, message } = LIMITS[v.timing]
    if (v.amount < min || v.amount > max) ctx.addIssue({ code: 'custom', path: ['amount'], message })
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
