'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { withFieldErrors } from '@/lib/server/field-errors'
import { practiceActionClient } from '@/lib/server/action-client'
import { createAdminClient } from '@/lib/supabase/admin'
import { currentRequestMeta } from '@/lib/server/request-meta'
import { ApplyRecordUpdatesSchema, applyRecordUpdates, dismissRecordUpdates, DismissRecordUpdatesSchema } from './record-updates.service'
import { RequestRefSchema, SendFormSchema } from './send.schema'
import { cancelForm, resendForm, sendForm } from './send.service'
import { SignatureSchema } from './signature.schema'
import { countersign } from './submit.service'
import { ArchiveTemplateSchema, PaperworkSettingsSchema, TemplateSchema } from './template.schema'
import { savePaperworkSettings, saveTemplate, setTemplateArchived } from './templates.service'

const FORMS_SETTINGS = '/dashboard/settings/forms'

/** A form sent or changed shows on her client page and in her portal. */
function revalidateClient(clientId: string) {
  revalidatePath(`/dashboard/clients/${clientId}`, 'layout')
  revalidatePath('/portal', 'layout')
}

export const saveFormTemplateAction = practiceActionClient.inputSchema(TemplateSchema).action(async ({ clientInput, ctx }) => {
  const saved = await withFieldErrors(TemplateSchema, () => saveTemplate(ctx.db, ctx.practice.practiceId, clientInput))
  revalidatePath(FORMS_SETTINGS, 'layout')
  return saved
})

export const archiveFormTemplateAction = practiceActionClient.inputSchema(ArchiveTemplateSchema).action(async ({ parsedInput, ctx }) => {
  await setTemplateArchived(ctx.db, ctx.practice.practiceId, parsedInput)
  revalidatePath(FORMS_SETTINGS, 'layout')
  return { archived: parsedInput.archived }
})

export const savePaperworkSettingsAction = practiceActionClient.inputSchema(PaperworkSettingsSchema).action(async ({ clientInput, ctx }) => {
  const saved = await withFieldErrors(PaperworkSettingsSchema, () => savePaperworkSettings(ctx.db, ctx.practice.practiceId, clientInput))
  revalidatePath(FORMS_SETTINGS)
  return saved
})

export const sendFormAction = practiceActionClient.inputSchema(SendFormSchema).action(async ({ clientInput, parsedInput, ctx }) => {
  const sent = await withFieldErrors(SendFormSchema, () => sendForm(ctx.db, ctx.practice, clientInput))
  revalidateClient(parsedInput.clientId)
  return sent
})

export const cancelFormAction = practiceActionClient.inputSchema(RequestRefSchema).action(async ({ parsedInput, ctx }) => {
  await cancelForm(ctx.db, parsedInput)
  revalidateClient(parsedInput.clientId)
  return { cancelled: true }
})

export const resendFormAction = practiceActionClient.inputSchema(RequestRefSchema).action(async ({ parsedInput, ctx }) => {
  await resendForm(ctx.db, parsedInput)
  revalidateClient(parsedInput.clientId)
  return { resent: true }
})

/**
 * The practice's countersignature: the database checks the practice's rule for who may give it.
 * The client and request are bound (`countersignAction.bind(null, clientId, requestId)`), so the
 * form sends the signature alone and every field error lands on its field.
 */
export const countersignAction = practiceActionClient
  .bindArgsSchemas([z.uuid(), z.uuid()])
  .inputSchema(SignatureSchema)
  .action(async ({ clientInput, bindArgsParsedInputs: [clientId, requestId], ctx }) => {
    const signer = { id: ctx.user.id, email: ctx.user.email }
    await withFieldErrors(SignatureSchema, async () =>
      countersign(ctx.db, createAdminClient(), signer, await currentRequestMeta(), ctx.practice.practiceId, { ...clientInput, clientId, requestId }),
    )
    revalidateClient(clientId)
    return { signed: true }
  })

export const applyRecordUpdatesAction = practiceActionClient.inputSchema(ApplyRecordUpdatesSchema).action(async ({ clientInput, parsedInput, ctx }) => {
  const applied = await withFieldErrors(ApplyRecordUpdatesSchema, () =>
    applyRecordUpdates(ctx.db, { practiceId: ctx.practice.practiceId, timeZone: ctx.practice.settings.timeZone }, clientInput),
  )
  revalidateClient(parsedInput.clientId)
  return applied
})

export const dismissRecordUpdatesAction = practiceActionClient.inputSchema(DismissRecordUpdatesSchema).action(async ({ parsedInput, ctx }) => {
  await dismissRecordUpdates(ctx.db, ctx.practice.practiceId, parsedInput)
  revalidateClient(parsedInput.clientId)
  return { dismissed: true }
})
