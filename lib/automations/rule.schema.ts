import { z } from 'zod'

/** The statuses a rule can fire on: complete and archived journeys are paused, so never these. */
export const RULE_STATUSES = ['lead', 'consult', 'booked', 'active', 'postpartum'] as const

/** "When a journey becomes <status>, do <action>": one schema for the Settings form and the action. */
export const RuleFormSchema = z
  .object({
    onStatus: z.enum(RULE_STATUSES, 'Choose the status that starts it.'),
    action: z.enum(['send_form', 'create_task'], 'Choose what happens.'),
    templateId: z.union([z.literal(''), z.uuid('Choose a form from the list.')]),
    taskTitle: z.string().trim().max(200, 'Keep it under 200 characters.'),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'send_form' && v.templateId === '') ctx.addIssue({ code: 'custom', path: ['templateId'], message: 'Choose a form to send.' })
    if (v.action === 'create_task' && v.taskTitle === '') ctx.addIssue({ code: 'custom', path: ['taskTitle'], message: 'Say what the to-do is.' })
  })
export type RuleFormInput = z.input<typeof RuleFormSchema>

export const RuleRefSchema = z.object({ ruleId: z.uuid() })
