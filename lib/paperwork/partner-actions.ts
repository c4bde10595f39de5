'use server'
import { revalidatePath } from 'next/cache'
import { withFieldErrors } from '@/lib/server/field-errors'
import { actionClient } from '@/lib/server/action-client'
import { createAdminClient } from '@/lib/supabase/admin'
import { currentRequestMeta } from '@/lib/server/request-meta'
import { PartnerSignSchema } from './submit.schema'
import { signAsPartner } from './submit.service'

/** The partner has no login: her link's token is her authority, checked by the database as it records her signature. */
export const partnerSignAction = actionClient.inputSchema(PartnerSignSchema).action(async ({ clientInput, parsedInput }) => {
  const signed = await withFieldErrors(PartnerSignSchema, async () => signAsPartner(createAdminClient(), await currentRequestMeta(), clientInput))
  revalidatePath(`/sign/${parsedInput.token}`)
  revalidatePath('/dashboard', 'layout')
  return signed
})
