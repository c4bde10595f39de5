'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { sendEmail } from '@/lib/email/send'
import { serverEnv } from '@/lib/env'
import { practiceActionClient } from '@/lib/server/action-client'
import { createAdminClient } from '@/lib/supabase/admin'
import { inviteToPortal, revokePortalAccess } from './invite'

const ClientTargetSchema = z.object({ clientId: z.uuid() })

/** "Invite to portal" and "Resend invitation" on the client page: the acting member's practice only. */
export const inviteToPortalAction = practiceActionClient
  .inputSchema(ClientTargetSchema)
  .action(async ({ parsedInput, ctx }) => {
    await inviteToPortal(
      { db: ctx.db, admin: createAdminClient(), deliver: sendEmail, siteUrl: serverEnv().NEXT_PUBLIC_SITE_URL },
      { practiceId: ctx.practice.practiceId, clientId: parsedInput.clientId },
    )
    revalidatePath(`/dashboard/clients/${parsedInput.clientId}`)
    return { invited: true }
  })

export const revokePortalAccessAction = practiceActionClient
  .inputSchema(ClientTargetSchema)
  .action(async ({ parsedInput, ctx }) => {
    await revokePortalAccess(ctx.db, { practiceId: ctx.practice.practiceId, clientId: parsedInput.clientId })
    revalidatePath(`/dashboard/clients/${parsedInput.clientId}`)
    return { revoked: true }
  })
