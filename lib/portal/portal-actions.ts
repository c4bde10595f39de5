'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { deleteOwnDocument } from '@/lib/documents/store'
import { MessageBodySchema } from '@/lib/messages/message.schema'
import { markThreadRead, postMessage } from '@/lib/messages/queries'
import { portalActionClient } from '@/lib/server/action-client'
import { PORTAL_PRACTICE_COOKIE, rememberChoice } from '@/lib/server/cookies'
import { createAdminClient } from '@/lib/supabase/admin'
import { requestDataDeletion, updateContactDetails, updateReminderPreference } from './profile'
import { ContactDetailsSchema, ReminderPreferenceSchema } from './profile.schema'

/** Her message to the practice of her active record: the thread is hers by construction. */
export const sendPortalMessageAction = portalActionClient.inputSchema(MessageBodySchema).action(async ({ parsedInput, ctx }) => {
  try {
    await postMessage(ctx.db, { userId: ctx.user.id, side: 'client' }, ctx.active, parsedInput.body)
  } catch (cause) {
    throw new AppError({ code: 'internal', message: 'Your message was not sent. Please try again.', cause })
  }
  revalidatePath('/portal/messages')
  return { sent: true }
})

/** Stamps the practice's messages as read once she has her thread on screen (see markThreadReadAction). */
export const markMyThreadReadAction = portalActionClient.action(async ({ ctx }) => ({ marked: await markThreadRead(ctx.db, 'client', ctx.active) }))

/** The practice picker: only a practice she is a client of can be chosen. */
export const choosePortalPracticeAction = portalActionClient
  .inputSchema(z.object({ practiceId: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    if (!ctx.records.some((r) => r.practiceId === parsedInput.practiceId)) {
      throw new AppError({ code: 'forbidden', message: 'You are not a client of that practice.' })
    }
    await rememberChoice(PORTAL_PRACTICE_COOKIE, parsedInput.practiceId, '/portal')
    revalidatePath('/portal', 'layout')
    return { chosen: true }
  })

/** Deletes one of her own uploads; a shared practice document is refused by RLS. */
export const deleteMyDocumentAction = portalActionClient.inputSchema(z.object({ documentId: z.uuid() })).action(async ({ parsedInput, ctx }) => {
  const deleted = await deleteOwnDocument(ctx.db, createAdminClient(), parsedInput.documentId)
  if (!deleted) throw new AppError({ code: 'not_found', message: 'You can only delete files you uploaded.' })
  revalidatePath('/portal/documents')
  return { deleted: true }
})

export const updateContactDetailsAction = portalActionClient.inputSchema(ContactDetailsSchema).action(async ({ parsedInput, ctx }) => {
  await updateContactDetails(ctx.db, ctx.active.clientId, parsedInput)
  revalidatePath('/portal/profile')
  return { saved: true }
})

export const updateReminderPreferenceAction = portalActionClient.inputSchema(ReminderPreferenceSchema).action(async ({ parsedInput, ctx }) => {
  await updateReminderPreference(ctx.db, ctx.active.clientId, parsedInput)
  revalidatePath('/portal/profile')
  return { saved: true }
})

export const requestDataDeletionAction = portalActionClient.action(async ({ ctx }) => {
  await requestDataDeletion(ctx.db, ctx.active.clientId)
  revalidatePath('/portal/profile')
  return { requested: true }
})
