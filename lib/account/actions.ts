'use server'
import { revalidatePath } from 'next/cache'
import { serverEnv } from '@/lib/env'
import { authActionClient } from '@/lib/server/action-client'
import { withFieldErrors } from '@/lib/server/field-errors'
import { createAdminClient } from '@/lib/supabase/admin'
import { AccountNameSchema, EmailChangeSchema } from './account.schema'
import { renameAccount, requestEmailChange, signOutOtherDevices } from './account.service'

export const renameAccountAction = authActionClient.inputSchema(AccountNameSchema).action(async ({ clientInput, ctx }) => {
  const saved = await withFieldErrors(AccountNameSchema, () => renameAccount(ctx.db, ctx.user.id, clientInput))
  revalidatePath('/dashboard', 'layout')
  return saved
})

export const requestEmailChangeAction = authActionClient.inputSchema(EmailChangeSchema).action(async ({ clientInput, ctx }) =>
  withFieldErrors(EmailChangeSchema, () =>
    requestEmailChange({ db: ctx.db, admin: createAdminClient(), siteUrl: serverEnv().NEXT_PUBLIC_SITE_URL }, ctx.user, clientInput),
  ),
)

export const signOutOtherDevicesAction = authActionClient.action(async ({ ctx }) => {
  await signOutOtherDevices(ctx.db)
  return { signedOut: true }
})
