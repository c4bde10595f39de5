'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { Send } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useMemo } from 'react'
import { useForm, type Resolver, type UseFormReturn } from 'react-hook-form'
import { FormFields } from '@/components/paperwork/form-fields'
import { emptySignature, SignatureFields, type SignatureValues } from '@/components/paperwork/signature-fields'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { buildAnswersSchema, formValuesFor, type FormValues } from '@/lib/paperwork/answers.schema'
import type { Answers, FormField } from '@/lib/paperwork/fields'
import { signAgreementAction, submitFormAction } from '@/lib/paperwork/portal-actions'
import { SignatureSchema } from '@/lib/paperwork/signature.schema'
import { flattenValidationErrors } from '@/lib/paperwork/submit.schema'
import { DraftStatus } from './draft-status'
import { useDraftAutosave } from './use-draft-autosave'

/** Puts the server's field errors on the fields (answers on her questions, the rest on the signature). */
function showErrors(errors: unknown, answers: UseFormReturn<FormValues>, signature?: UseFormReturn<SignatureValues>): string | null {
  let general: string | null = null
  for (const [path, message] of Object.entries(flattenValidationErrors(errors))) {
    if (path.startsWith('answers.')) answers.setError(path.slice('answers.'.length), { message }, { shouldFocus: true })
    else if (signature && (path === 'typedName' || path === 'signature' || path === 'consent')) signature.setError(path, { message }, { shouldFocus: true })
    else general ??= message
  }
  return general
}

function useAnswersForm(fields: FormField[], answers: Answers) {
  const schema = useMemo(() => buildAnswersSchema(fields, 'submit'), [fields])
  // The schema is built at run time from the form she was sent, so its input type is not FormValues'.
  const resolver = zodResolver(schema) as unknown as Resolver<FormValues>
  return useForm<FormValues>({ resolver, defaultValues: formValuesFor(fields, answers), shouldFocusError: true })
}

/**
 * Her intake form: react-hook-form with the schema built from the form she was sent (the server
 * checks the same schema again). Answers autosave as a draft; submitting sends them for good.
 */
export function IntakeFiller({ requestId, fields, answers }: { requestId: string; fields: FormField[]; answers: Answers }) {
  const form = useAnswersForm(fields, answers)
  const submit = useAction(submitFormAction)
  const draft = useDraftAutosave(form, requestId, !submit.isPending && !submit.hasSucceeded)
  const general = submit.hasErrored ? (submit.result.serverError ?? showErrors(submit.result.validationErrors, form)) : null
  return (
    <form
      noValidate
      className="flex flex-col gap-6"
      data-test="form-filler"
      onSubmit={form.handleSubmit(async () => {
        const result = await submit.executeAsync({ requestId, answers: form.getValues() })
        if (result?.validationErrors) showErrors(result.validationErrors, form)
      })}
    >
      <FormFields fields={fields} form={form} />
      <div className="sticky bottom-20 z-10 -mx-4 flex flex-col gap-3 border-t border-border bg-background/95 px-4 py-3 backdrop-blur md:bottom-0 md:mx-0 md:px-0">
        {general ? <StatusMessage tone="error">{general}</StatusMessage> : null}
        {Object.keys(form.formState.errors).length > 0 && form.formState.isSubmitted ? (
          <StatusMessage tone="error">Some answers need a look: they are marked above.</StatusMessage>
        ) : null}
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <DraftStatus state={draft.state} />
          <Button type="submit" size="lg" disabled={submit.isPending} data-test="form-submit">
            <Send aria-hidden /> {submit.isPending ? 'Sending…' : 'Submit my answers'}
          </Button>
        </div>
      </div>
    </form>
  )
}

/**
 * An agreement: she reads it (above), answers its questions if it has any, and signs with her
 * typed name, a drawn signature and her consent to sign electronically.
 */
export function AgreementSigner({ requestId, fields, answers }: { requestId: string; fields: FormField[]; answers: Answers }) {
  const form = useAnswersForm(fields, answers)
  const signature = useForm<SignatureValues>({ resolver: zodResolver(SignatureSchema), defaultValues: emptySignature })
  const sign = useAction(signAgreementAction)
  const draft = useDraftAutosave(form, requestId, fields.length > 0 && !sign.isPending && !sign.hasSucceeded)
  const general = sign.hasErrored ? (sign.result.serverError ?? showErrors(sign.result.validationErrors, form, signature)) : null

  return (
    <form
      noValidate
      className="flex flex-col gap-6"
      data-test="agreement-signer"
      onSubmit={async (event) => {
        event.preventDefault()
        // Her answers are judged with the signature, so every problem shows at once.
        const answersValid = await form.trigger(undefined, { shouldFocus: true })
        await signature.handleSubmit(async (values) => {
          if (!answersValid) return
          const result = await sign.executeAsync({ requestId, answers: form.getValues(), ...values })
          if (result?.validationErrors) showErrors(result.validationErrors, form, signature)
        })()
      }}
    >
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
        <SignatureFields form={signature} idPrefix="client-signature" />
        {general ? <StatusMessage tone="error">{general}</StatusMessage> : null}
        <Button type="submit" size="lg" disabled={sign.isPending} data-test="agreement-sign">
          {sign.isPending ? 'Signing…' : 'Sign the agreement'}
        </Button>
      </section>
    </form>
  )
}
