import { z } from 'zod'

const optionalId = z.union([z.literal(''), z.uuid('Choose from the list.')])

/** A new to-do: for the practice, or about one client when clientId is set. */
export const TaskFormSchema = z.object({
  title: z.string().trim().min(1, 'Say what needs doing.').max(200, 'Keep it under 200 characters.'),
  dueOn: z.union([z.literal(''), z.iso.date('Enter a date like 2027-03-14.')]),
  assigneeId: optionalId,
  clientId: optionalId,
})
export type TaskFormInput = z.input<typeof TaskFormSchema>

export const TaskDoneSchema = z.object({ taskId: z.uuid(), done: z.boolean() })
export type TaskDone = z.infer<typeof TaskDoneSchema>
