'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useAction } from 'next-safe-action/hooks'
import { useForm } from 'react-hook-form'
import { emptySignature, SignatureFields, type SignatureValues } from '@/components/paperwork/signature-fields'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { countersignAction } from '@/lib/paperwork/actions'
import { SignatureSchema } from '@/lib/paperwork/signature.schema'
import { flattenValidationErrors } from '@/lib/paperwork/submit.schema'

/** The practice's countersignature: typed name, drawn signature, consent. */
export function CountersignForm({ clientId, requestId, defaultName }: { clientId: string; requestId: string; defaultName: string }) {
  const form = useForm<SignatureValues>({ resolver: zodResolver(SignatureSchema), defaultValues: { ...emptySignature, typedName: defaultName } })
  const sign = useAction(countersignAction, {
    onError({ error }) {
      for (const [path, message] of Object.entries(flattenValidationErrors(error.validationErrors))) {
        if (path === 'typedName' || path === 'signature' || path === 'consent') form.setError(path, { message })
      }
    },
  })
  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={form.handleSubmit((values) => sign.execute({ clientId, requestId, ...values }))} data-test="countersign-form">
      <SignatureFields form={form} idPrefix="countersign" />
      {sign.result.serverError ? <StatusMessage tone="error">{sign.result.serverError}</StatusMessage> : null}
      <div>
        <Button type="submit" disabled={sign.isPending} data-test="countersign-submit">
          {sign.isPending ? 'Signing…' : 'Countersign for the practice'}
        </Button>
      </div>
    </form>
  )
}
