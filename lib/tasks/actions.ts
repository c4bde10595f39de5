'use server'
import { revalidatePath } from 'next/cache'
import { practiceActionClient } from '@/lib/server/action-client'
import { withFieldErrors } from '@/lib/server/field-errors'
import { TaskDoneSchema, TaskFormSchema } from './task.schema'
import { addTask, setTaskDone } from './tasks.service'

export const addTaskAction = practiceActionClient.inputSchema(TaskFormSchema).action(async ({ clientInput, ctx }) => {
  const added = await withFieldErrors(TaskFormSchema, () => addTask(ctx.db, ctx.practice.practiceId, clientInput))
  revalidatePath('/dashboard', 'layout')
  return added
})

export const setTaskDoneAction = practiceActionClient.inputSchema(TaskDoneSchema).action(async ({ parsedInput, ctx }) => {
  await setTaskDone(ctx.db, ctx.practice.practiceId, parsedInput)
  revalidatePath('/dashboard', 'layout')
  return { done: parsedInput.done }
})
