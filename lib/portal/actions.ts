'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { sendEmail } from '@/lib/email/send'
import { serverEnv } from '@/lib/env'
import { authActionClient, practiceActionClient } from '@/lib/server/action-client'
import { PORTAL_PRACTICE_COOKIE, rememberChoice } from '@/lib/server/cookies'
import { createAdminClient } from '@/lib/supabase/admin'
import { acceptPortalInvitation } from './accept'
import { AcceptPortalInvitationSchema } from './invitation.schema'
import { inviteToPortal, revokePortalAccess } from './invite'

const ClientTargetSchema = z.object({ clientId: z.uuid() })

/** "Invite to portal" and "Resend invitation" on the client page: the acting member's practice only. */
export const inviteToPortalAction = practiceActionClient
  .inputSchema(ClientTargetSchema)
  .action(async ({ parsedInput, ctx }) => {
    await inviteToPortal(
      { db: ctx.db, admin: createAdminClient(), deliver: sendEmail, siteUrl: serverEnv().NEXT_PUBLIC_SITE_URL },
      { practiceId: ctx.practice.practiceId, clientId: parsedInput.clientId },
      ctx.user.id,
    )
    revalidatePath(`/dashboard/clients/${parsedInput.clientId}`)
    return { invited: true }
  })

export const revokePortalAccessAction = practiceActionClient
  .inputSchema(ClientTargetSchema)
  .action(async ({ parsedInput, ctx }) => {
    await revokePortalAccess({ db: ctx.db, admin: createAdminClient() }, { practiceId: ctx.practice.practiceId, clientId: parsedInput.clientId })
    revalidatePath(`/dashboard/clients/${parsedInput.clientId}`)
    return { revoked: true }
  })

/**
 * The invited person accepts, signed in as the invited address (she is nobody's client yet, so no
 * portal context). The practice she joined becomes the portal's active one.
 */
export const acceptPortalInvitationAction = authActionClient
  .inputSchema(AcceptPortalInvitationSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await acceptPortalInvitation(ctx.db, parsedInput.token)
    if ('practiceId' in result) {
      await rememberChoice(PORTAL_PRACTICE_COOKIE, result.practiceId, '/portal')
      revalidatePath('/portal', 'layout')
    }
    return result
  })
