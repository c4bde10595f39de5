'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { Send } from 'lucide-react'
import { useMemo } from 'react'
import { FormFields } from '@/components/paperwork/form-fields'
import { emptySignature, SignatureFields } from '@/components/paperwork/signature-fields'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { formValuesFor } from '@/lib/paperwork/answers.schema'
import type { Answers, FormField } from '@/lib/paperwork/fields'
import { signAgreementAction, submitFormAction } from '@/lib/paperwork/portal-actions'
import { agreementFormSchema, flattenValidationErrors, intakeFormSchema } from '@/lib/paperwork/submit.schema'
import { DraftStatus } from './draft-status'
import { useDraftAutosave } from './use-draft-autosave'

/** A refusal that names no field (the form changed since she opened it, say), or the server's own. */
function generalError(result: { serverError?: string; validationErrors?: unknown }): string | undefined {
  return result.serverError ?? flattenValidationErrors(result.validationErrors).form
}

/**
 * Her intake form: react-hook-form with the schema built from the form she was sent (the server
 * checks the same schema again). Answers autosave as a draft; submitting sends them for good.
 */
export function IntakeFiller({ requestId, fields, answers }: { requestId: string; fields: FormField[]; answers: Answers }) {
  const submit = useMemo(() => submitFormAction.bind(null, requestId), [requestId])
  const schema = useMemo(() => intakeFormSchema(fields), [fields])
  const { form, action } = useHookFormAction(submit, zodResolver(schema), {
    formProps: { defaultValues: { answers: formValuesFor(fields, answers) } },
  })
  const draft = useDraftAutosave(form, requestId, !action.isPending && !action.hasSucceeded)
  const general = generalError(action.result)
  return (
    <form noValidate className="flex flex-col gap-6" data-test="form-filler" onSubmit={form.handleSubmit(() => action.execute(form.getValues()))}>
      <FormFields fields={fields} form={form} />
      <div className="sticky bottom-20 z-10 -mx-4 flex flex-col gap-3 border-t border-border bg-background/95 px-4 py-3 backdrop-blur md:bottom-0 md:mx-0 md:px-0">
        {general ? <StatusMessage tone="error">{general}</StatusMessage> : null}
        {Object.keys(form.formState.errors).length > 0 && form.formState.isSubmitted ? (
          <StatusMessage tone="error">Some answers need a look: they are marked above.</StatusMessage>
        ) : null}
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <DraftStatus state={draft.state} />
          <Button type="submit" size="lg" disabled={action.isPending} data-test="form-submit">
            <Send aria-hidden /> {action.isPending ? 'Sending…' : 'Submit my answers'}
          </Button>
        </div>
      </div>
    </form>
  )
}

/**
 * An agreement: she reads it (above), answers its questions if it has any, and signs with her
 * typed name, a drawn signature and her consent to sign electronically. Her answers are judged with
 * the signature, so every problem shows at once.
 */
export function AgreementSigner({ requestId, fields, answers }: { requestId: string; fields: FormField[]; answers: Answers }) {
  const sign = useMemo(() => signAgreementAction.bind(null, requestId), [requestId])
  const schema = useMemo(() => agreementFormSchema(fields), [fields])
  const { form, action } = useHookFormAction(sign, zodResolver(schema), {
    formProps: { defaultValues: { ...emptySignature, answers: formValuesFor(fields, answers) } },
  })
  const draft = useDraftAutosave(form, requestId, fields.length > 0 && !action.isPending && !action.hasSucceeded)
  const general = generalError(action.result)

  return (
    <form noValidate className="flex flex-col gap-6" data-test="agreement-signer" onSubmit={form.handleSubmit(() => action.execute(form.getValues()))}>
      {fields.length > 0 ? (
        <section aria-labelledby="agreement-questions" className="flex flex-col gap-4">
          <h2 id="agreement-questions" className="text-lg font-semibold">
            A few details
          </h2>
          <FormFields fields={fields} form={form} />
          <DraftStatus state={draft.state} />
        </section>
      ) : null}
      <section aria-labelledby="agreement-sign" className="flex flex-col gap-4 rounded-xl border border-border bg-card p-4 sm:p-6">
        <h2 id="agreement-sign" className="text-lg font-semibold">
          Sign the agreement
        </h2>
        <SignatureFields form={form} idPrefix="client-signature" />
        {general ? <StatusMessage tone="error">{general}</StatusMessage> : null}
        <Button type="submit" size="lg" disabled={action.isPending} data-test="agreement-sign">
          {action.isPending ? 'Signing…' : 'Sign the agreement'}
        </Button>
      </section>
    </form>
  )
}
