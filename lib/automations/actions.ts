'use server'
import { revalidatePath } from 'next/cache'
import { practiceActionClient, requireRole } from '@/lib/server/action-client'
import { withFieldErrors } from '@/lib/server/field-errors'
import { RuleFormSchema, RuleRefSchema } from './rule.schema'
import { addRule, removeRule } from './rules.service'

const managers = practiceActionClient.use(requireRole(['owner', 'admin'], 'Only the practice owner or an admin can change the automations.'))

export const addRuleAction = managers.inputSchema(RuleFormSchema).action(async ({ clientInput, ctx }) => {
  const added = await withFieldErrors(RuleFormSchema, () => addRule(ctx.db, ctx.practice.practiceId, clientInput))
  revalidatePath('/dashboard/settings/automations')
  return added
})

export const removeRuleAction = managers.inputSchema(RuleRefSchema).action(async ({ parsedInput, ctx }) => {
  await removeRule(ctx.db, ctx.practice.practiceId, parsedInput)
  revalidatePath('/dashboard/settings/automations')
  return { removed: true }
})
