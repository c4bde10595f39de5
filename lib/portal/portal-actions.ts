'use server'
import { cookies } from 'next/headers'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { deleteOwnDocument } from '@/lib/documents/store'
import { postMessage } from '@/lib/messages/queries'
import { actionClient } from '@/lib/safe-action'
import { requirePortalContext, PORTAL_PRACTICE_COOKIE } from './context'
import { requestDataDeletion, updateContactDetails } from './profile'
import { ContactDetailsSchema } from './profile.schema'

const MessageBodySchema = z.object({
  body: z.string().trim().min(1, 'Write a message first.').max(10000, 'Messages can be up to 10,000 characters.'),
})

/** Her message to the practice of her active record: the thread is hers by construction. */
export const sendPortalMessageAction = actionClient.inputSchema(MessageBodySchema).action(async ({ parsedInput }) => {
  const { user, supabase, active } = await requirePortalContext()
  try {
    await postMessage(supabase, { userId: user.id, side: 'client' }, { practiceId: active.practiceId, clientId: active.clientId }, parsedInput.body)
  } catch (cause) {
    throw new AppError({ code: 'internal', message: 'Your message was not sent. Please try again.', cause })
  }
  revalidatePath('/portal/messages')
  return { sent: true }
})

/** The practice picker: only a practice she is a client of can be chosen. */
export const choosePortalPracticeAction = actionClient
  .inputSchema(z.object({ practiceId: z.uuid() }))
  .action(async ({ parsedInput }) => {
    const { records } = await requirePortalContext()
    if (!records.some((r) => r.practiceId === parsedInput.practiceId)) {
      throw new AppError({ code: 'forbidden', message: 'You are not a client of that practice.' })
    }
    ;(await cookies()).set(PORTAL_PRACTICE_COOKIE, parsedInput.practiceId, { httpOnly: true, sameSite: 'lax', secure: process.env.NODE_ENV === 'production', path: '/portal' })
    revalidatePath('/portal', 'layout')
    return { chosen: true }
  })

/** Deletes one of her own uploads; a shared practice document is refused by RLS. */
export const deleteMyDocumentAction = actionClient.inputSchema(z.object({ documentId: z.uuid() })).action(async ({ parsedInput }) => {
  const { supabase } = await requirePortalContext()
  const deleted = await deleteOwnDocument(supabase, parsedInput.documentId)
  if (!deleted) throw new AppError({ code: 'not_found', message: 'You can only delete files you uploaded.' })
  revalidatePath('/portal/documents')
  return { deleted: true }
})

export const updateContactDetailsAction = actionClient.inputSchema(ContactDetailsSchema).action(async ({ parsedInput }) => {
  const { supabase, active } = await requirePortalContext()
  await updateContactDetails(supabase, active.clientId, parsedInput)
  revalidatePath('/portal/profile')
  return { saved: true }
})

export const requestDataDeletionAction = actionClient.action(async () => {
  const { supabase, active } = await requirePortalContext()
  await requestDataDeletion(supabase, active.clientId)
  revalidatePath('/portal/profile')
  return { requested: true }
})
