'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { dbFailure } from '@/lib/server/db'
import { withFieldErrors } from '@/lib/server/field-errors'
import { authActionClient } from '@/lib/server/action-client'
import { createAdminClient } from '@/lib/supabase/admin'
import { currentRequestMeta } from '@/lib/server/request-meta'
import { AnswersFormSchema, ClientSignFormSchema } from './submit.schema'
import { saveDraft, signAsClient, submitIntake } from './submit.service'

/** Her forms are hers by her RLS (and, for submissions, by the database's check of her user id). */
function revalidateForm(requestId: string) {
  revalidatePath(`/portal/forms/${requestId}`)
  revalidatePath('/portal', 'layout')
  revalidatePath('/dashboard', 'layout')
}

/** Opening her form stamps opened_at once (the database picks the time, and only for her own form). */
export const markFormOpenedAction = authActionClient.inputSchema(z.object({ requestId: z.uuid() })).action(async ({ parsedInput, ctx }) => {
  const { error } = await ctx.db.rpc('mark_form_request_opened', { p_request_id: parsedInput.requestId })
  if (error) throw dbFailure('note that you opened this form', error)
  revalidatePath('/dashboard', 'layout')
  return { opened: true }
})

/**
 * Her form's actions take the request as a bound argument (`saveFormDraftAction.bind(null, requestId)`),
 * so the form sends what its fields hold: the answers (and, for an agreement, her signature).
 */
export const saveFormDraftAction = authActionClient
  .bindArgsSchemas([z.uuid()])
  .inputSchema(AnswersFormSchema)
  .action(async ({ clientInput, bindArgsParsedInputs: [requestId], ctx }) => {
    return withFieldErrors(AnswersFormSchema, () => saveDraft(ctx.db, { ...clientInput, requestId }))
  })

export const submitFormAction = authActionClient
  .bindArgsSchemas([z.uuid()])
  .inputSchema(AnswersFormSchema)
  .action(async ({ clientInput, bindArgsParsedInputs: [requestId], ctx }) => {
    await withFieldErrors(AnswersFormSchema, async () =>
      submitIntake(ctx.db, createAdminClient(), { id: ctx.user.id, email: ctx.user.email }, await currentRequestMeta(), { ...clientInput, requestId }),
    )
    revalidateForm(requestId)
    return { submitted: true }
  })

export const signAgreementAction = authActionClient
  .bindArgsSchemas([z.uuid()])
  .inputSchema(ClientSignFormSchema)
  .action(async ({ clientInput, bindArgsParsedInputs: [requestId], ctx }) => {
    if (!ctx.user.email) throw new AppError({ code: 'validation', message: 'Your login has no email address to sign with.' })
    await withFieldErrors(ClientSignFormSchema, async () =>
      signAsClient(ctx.db, createAdminClient(), { id: ctx.user.id, email: ctx.user.email }, await currentRequestMeta(), { ...clientInput, requestId }),
    )
    revalidateForm(requestId)
    return { signed: true }
  })
