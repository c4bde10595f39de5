import { z } from 'zod'
import { OptionalDateSchema } from '@/lib/dates/date.schema'
import { MILESTONE_KINDS } from '@/lib/pregnancy/milestones'

export const MilestoneTitleSchema = z
  .string()
  .trim()
  .min(1, 'Give the milestone a name.')
  .max(200, 'Please shorten the name to 200 characters.')

export const MilestoneKindSchema = z.enum(MILESTONE_KINDS, 'Choose what kind of milestone this is.')

/** A milestone date: none, or a real date in a year a pregnancy timeline can reach. */
const MilestoneDateSchema = OptionalDateSchema.refine(
  (v) => v === null || (v >= '2000-01-01' && v <= '2099-12-31'),
  'Check the year: that date is too far from today.',
)

/** The add and edit form of a client's milestone (with `milestoneId` it edits that one). */
export const SaveMilestoneSchema = z.object({
  milestoneId: z.uuid().optional(),
  journeyId: z.uuid(),
  title: MilestoneTitleSchema,
  dueOn: MilestoneDateSchema,
  kind: MilestoneKindSchema,
  sharedWithClient: z.boolean(),
})
export type SaveMilestoneInput = z.input<typeof SaveMilestoneSchema>

export const SetMilestoneDoneSchema = z.object({ milestoneId: z.uuid(), done: z.boolean() })
export const SetMilestoneSharedSchema = z.object({ milestoneId: z.uuid(), shared: z.boolean() })
export const DeleteMilestoneSchema = z.object({ milestoneId: z.uuid() })
