'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useAction } from 'next-safe-action/hooks'
import { useForm } from 'react-hook-form'
import { emptySignature, SignatureFields, type SignatureValues } from '@/components/paperwork/signature-fields'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { partnerSignAction } from '@/lib/paperwork/partner-actions'
import { SignatureSchema } from '@/lib/paperwork/signature.schema'
import { flattenValidationErrors } from '@/lib/paperwork/submit.schema'

/** The partner signs through her link: typed name, drawn signature, consent. */
export function PartnerSigner({ token, partnerName }: { token: string; partnerName: string }) {
  const form = useForm<SignatureValues>({ resolver: zodResolver(SignatureSchema), defaultValues: { ...emptySignature, typedName: partnerName } })
  const sign = useAction(partnerSignAction, {
    onError({ error }) {
      for (const [path, message] of Object.entries(flattenValidationErrors(error.validationErrors))) {
        if (path === 'typedName' || path === 'signature' || path === 'consent') form.setError(path, { message })
      }
    },
  })
  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={form.handleSubmit((values) => sign.execute({ token, ...values }))} data-test="partner-signer">
      <SignatureFields form={form} idPrefix="partner-signature" />
      {sign.result.serverError ? <StatusMessage tone="error">{sign.result.serverError}</StatusMessage> : null}
      <Button type="submit" size="lg" disabled={sign.isPending} data-test="partner-sign">
        {sign.isPending ? 'Signing…' : 'Sign the agreement'}
      </Button>
    </form>
  )
}
