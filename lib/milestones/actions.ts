'use server'
import { revalidatePath } from 'next/cache'
import { withFieldErrors } from '@/lib/server/field-errors'
import { practiceActionClient } from '@/lib/server/action-client'
import { DeleteMilestoneSchema, SaveMilestoneSchema, SetMilestoneDoneSchema, SetMilestoneSharedSchema } from './milestone.schema'
import { deleteMilestone, saveMilestone, setMilestoneDone, setMilestoneShared } from './milestones.service'
import { MoveTemplateItemSchema, RemoveTemplateItemSchema, SaveTemplateItemSchema } from './template.schema'
import { moveTemplateItem, removeTemplateItem, saveTemplateItem } from './template.service'

/** A milestone change shows on the client page and, when shared, in her portal. */
function revalidateTimelines() {
  revalidatePath('/dashboard', 'layout')
  revalidatePath('/portal', 'layout')
}

export const saveMilestoneAction = practiceActionClient.inputSchema(SaveMilestoneSchema).action(async ({ clientInput, ctx }) => {
  const saved = await withFieldErrors(SaveMilestoneSchema, () => saveMilestone(ctx.db, ctx.practice.practiceId, clientInput))
  revalidateTimelines()
  return saved
})

export const setMilestoneDoneAction = practiceActionClient.inputSchema(SetMilestoneDoneSchema).action(async ({ parsedInput, ctx }) => {
  await setMilestoneDone(ctx.db, ctx.practice.practiceId, parsedInput)
  revalidateTimelines()
  return { done: parsedInput.done }
})

export const setMilestoneSharedAction = practiceActionClient.inputSchema(SetMilestoneSharedSchema).action(async ({ parsedInput, ctx }) => {
  await setMilestoneShared(ctx.db, ctx.practice.practiceId, parsedInput)
  revalidateTimelines()
  return { shared: parsedInput.shared }
})

export const deleteMilestoneAction = practiceActionClient.inputSchema(DeleteMilestoneSchema).action(async ({ parsedInput, ctx }) => {
  await deleteMilestone(ctx.db, ctx.practice.practiceId, parsedInput)
  revalidateTimelines()
  return { deleted: true }
})

export const saveTemplateItemAction = practiceActionClient.inputSchema(SaveTemplateItemSchema).action(async ({ clientInput, ctx }) => {
  const saved = await withFieldErrors(SaveTemplateItemSchema, () => saveTemplateItem(ctx.db, ctx.practice.practiceId, clientInput))
  revalidatePath('/dashboard/settings/milestones')
  return saved
})

export const removeTemplateItemAction = practiceActionClient.inputSchema(RemoveTemplateItemSchema).action(async ({ parsedInput, ctx }) => {
  await removeTemplateItem(ctx.db, ctx.practice.practiceId, parsedInput)
  revalidatePath('/dashboard/settings/milestones')
  return { removed: true }
})

export const moveTemplateItemAction = practiceActionClient.inputSchema(MoveTemplateItemSchema).action(async ({ parsedInput, ctx }) => {
  await moveTemplateItem(ctx.db, ctx.practice.practiceId, parsedInput)
  revalidatePath('/dashboard/settings/milestones')
  return { moved: parsedInput.direction }
})
