'use server'
import { revalidatePath } from 'next/cache'
import { withFieldErrors } from '@/lib/server/field-errors'
import { actionClient } from '@/lib/server/action-client'
import { createAdminClient } from '@/lib/supabase/admin'
import { currentRequestMeta } from '@/lib/server/request-meta'
import { SignatureSchema } from './signature.schema'
import { PartnerTokenSchema } from './submit.schema'
import { signAsPartner } from './submit.service'

/**
 * The partner has no login: her link's token is her authority, checked by the database as it
 * records her signature. The token is bound (`partnerSignAction.bind(null, token)`), so the form
 * sends the signature alone.
 */
export const partnerSignAction = actionClient
  .bindArgsSchemas([PartnerTokenSchema])
  .inputSchema(SignatureSchema)
  .action(async ({ clientInput, bindArgsParsedInputs: [token] }) => {
    const signed = await withFieldErrors(SignatureSchema, async () => signAsPartner(createAdminClient(), await currentRequestMeta(), { ...clientInput, token }))
    revalidatePath(`/sign/${token}`)
    revalidatePath('/dashboard', 'layout')
    return signed
  })
