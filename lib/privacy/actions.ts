'use server'
import { redirect } from 'next/navigation'
import { sendEmail } from '@/lib/email/send'
import { serverEnv } from '@/lib/env'
import { AppError } from '@/lib/errors'
import { authActionClient, practiceActionClient, requireRole } from '@/lib/server/action-client'
import { currentRequestMeta } from '@/lib/server/request-meta'
import { createAdminClient } from '@/lib/supabase/admin'
import { DeleteAccountSchema, DeleteClientSchema } from './deletion/erasure.schema'
import { eraseAccount, eraseClient } from './deletion/erase.service'
import { enforceRateLimit, RATE_LIMITS } from '@/lib/security/rate-limit'

const ACCOUNT_DELETED_PATH = '/account-deleted'
const DANGER_ZONE_PATH = '/dashboard/settings/danger'

/** Emails a fresh sign-in link that lands back on the danger zone (the re-authentication step). */
export const sendDeletionConfirmationLinkAction = authActionClient.action(async ({ ctx }) => {
  if (!ctx.user.email) throw new AppError({ code: 'validation', message: 'Your account has no email address to confirm with.' })
  await enforceRateLimit(createAdminClient(), ctx.user.id, RATE_LIMITS.erasureLink)
  const confirm = new URL('/auth/confirm', serverEnv().NEXT_PUBLIC_SITE_URL)
  confirm.searchParams.set('next', DANGER_ZONE_PATH)
  const { error } = await ctx.db.auth.signInWithOtp({
    email: ctx.user.email,
    options: { shouldCreateUser: false, emailRedirectTo: confirm.toString() },
  })
  if (error) throw new AppError({ code: 'internal', message: 'We could not send the link. Please try again.', cause: error })
  return { sentTo: ctx.user.email }
})

/** Deletes the active practice for good; the owner is signed out and sent to a page saying so. */
export const deleteAccountAction = practiceActionClient
  .use(requireRole(['owner'], 'Only the practice owner can delete the account.'))
  .inputSchema(DeleteAccountSchema)
  .action(async ({ parsedInput, ctx }) => {
    await eraseAccount(ctx.db, { admin: createAdminClient(), sendEmail }, {
      practiceId: ctx.practice.practiceId,
      typedName: parsedInput.practiceName,
      meta: await currentRequestMeta(),
    })
    // Her login may be gone already, so the server answers 4xx: only the local cookies need clearing.
    const { error } = await ctx.db.auth.signOut({ scope: 'local' })
    if (error) console.error('[privacy] local sign-out after deletion', error)
    redirect(ACCOUNT_DELETED_PATH)
  })

/** Deletes one client of the active practice (owners and admins) and returns the receipt counts. */
export const deleteClientAction = practiceActionClient.inputSchema(DeleteClientSchema).action(async ({ parsedInput, ctx }) => {
  const result = await eraseClient(ctx.db, { admin: createAdminClient(), sendEmail }, {
    practiceId: ctx.practice.practiceId,
    clientId: parsedInput.clientId,
    typedName: parsedInput.confirmName,
    meta: await currentRequestMeta(),
  })
  return { counts: result.counts, files: result.files, loginsRemoved: result.loginsRemoved }
})
