'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { practiceActionClient } from '@/lib/server/action-client'
import { ClientIdSchema } from '@/lib/clients/client.schema'
import { MessageBodySchema } from './message.schema'
import { markThreadRead, postMessage } from './queries'

/**
 * A member's reply in a client's thread, in her active practice; RLS refuses any other thread. The
 * client is bound (`sendPracticeMessageAction.bind(null, clientId)`), so the form sends what the
 * portal's does: the body alone.
 */
export const sendPracticeMessageAction = practiceActionClient
  .bindArgsSchemas([z.uuid()])
  .inputSchema(MessageBodySchema)
  .action(async ({ parsedInput, bindArgsParsedInputs: [clientId], ctx }) => {
    try {
      await postMessage(ctx.db, { userId: ctx.user.id, side: 'practice' }, { practiceId: ctx.practice.practiceId, clientId }, parsedInput.body)
    } catch (cause) {
      throw new AppError({ code: 'internal', message: 'Your message was not sent. Please try again.', cause })
    }
    revalidatePath(`/dashboard/messages/${clientId}`)
    revalidatePath(`/dashboard/clients/${clientId}`)
    return { sent: true }
  })

/**
 * Stamps her unread messages as read once a member has the thread on screen. A POST from the open
 * page, never a side effect of rendering it: a prefetch or a crawler reads nothing.
 */
export const markThreadReadAction = practiceActionClient.inputSchema(ClientIdSchema).action(async ({ parsedInput, ctx }) => ({
  marked: await markThreadRead(ctx.db, 'practice', { practiceId: ctx.practice.practiceId, clientId: parsedInput.clientId }),
}))
