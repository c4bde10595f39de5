'use server'
import { revalidatePath } from 'next/cache'
import { checkJourneyCapacity } from '@/lib/journeys/capacity'
import { withFieldErrors } from '@/lib/server/field-errors'
import { practiceActionClient } from '@/lib/server/action-client'
import { ArchiveClientSchema, CapacityCheckSchema, ClientFormSchema, UpdateClientSchema } from './client.schema'
import { createClient, setClientArchived, updateClient } from './save-client.service'

export const createClientAction = practiceActionClient.inputSchema(ClientFormSchema).action(async ({ clientInput, ctx }) => {
  const created = await withFieldErrors(ClientFormSchema, () => createClient(ctx.db, ctx.practice.settings, clientInput))
  revalidatePath('/dashboard', 'layout')
  return created
})

export const updateClientAction = practiceActionClient.inputSchema(UpdateClientSchema).action(async ({ clientInput, ctx }) => {
  const saved = await withFieldErrors(UpdateClientSchema, () => updateClient(ctx.db, ctx.practice.settings, clientInput))
  revalidatePath('/dashboard', 'layout')
  return saved
})

export const archiveClientAction = practiceActionClient.inputSchema(ArchiveClientSchema).action(async ({ parsedInput, ctx }) => {
  await setClientArchived(ctx.db, ctx.practice.practiceId, parsedInput.clientId, parsedInput.archived)
  revalidatePath('/dashboard', 'layout')
  return { archived: parsedInput.archived }
})

/** What the form shows as soon as a due date is entered: overlapping on-call windows and the rule. */
export const checkCapacityAction = practiceActionClient
  .inputSchema(CapacityCheckSchema)
  .action(async ({ parsedInput, ctx }) => checkJourneyCapacity(ctx.db, ctx.practice.settings, parsedInput.dueDate, parsedInput.journeyId))
