'use server'
import { revalidatePath } from 'next/cache'
import { checkJourneyCapacity } from '@/lib/journeys/capacity'
import { withFieldErrors } from '@/lib/server/field-errors'
import { practiceActionClient } from '@/lib/server/action-client'
import { ClientDetailsSchema } from './client-details.schema'
import { ArchiveClientSchema, CapacityCheckSchema, SaveClientSchema } from './client.schema'
import { saveClientDetails } from './save-client-details.service'
import { createClient, setClientArchived, updateClient } from './save-client.service'

/** Adds a client with her first journey, or (with `clientId`) saves her details and current journey. */
export const saveClientAction = practiceActionClient.inputSchema(SaveClientSchema).action(async ({ clientInput, parsedInput, ctx }) => {
  const saved = await withFieldErrors(SaveClientSchema, () =>
    parsedInput.clientId ? updateClient(ctx.db, ctx.practice.settings, clientInput) : createClient(ctx.db, ctx.practice.settings, clientInput),
  )
  revalidatePath('/dashboard', 'layout')
  return { clientId: saved.clientId }
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

/** Her address, partner and support contacts, lead source and UTM. */
export const saveClientDetailsAction = practiceActionClient.inputSchema(ClientDetailsSchema).action(async ({ clientInput, ctx }) => {
  await withFieldErrors(ClientDetailsSchema, () => saveClientDetails(ctx.db, ctx.practice.practiceId, clientInput))
  revalidatePath('/dashboard/clients', 'layout')
  return { saved: true }
})
