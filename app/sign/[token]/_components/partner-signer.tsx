'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { useMemo } from 'react'
import { emptySignature, SignatureFields } from '@/components/paperwork/signature-fields'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { partnerSignAction } from '@/lib/paperwork/partner-actions'
import { SignatureSchema } from '@/lib/paperwork/signature.schema'

/** The partner signs through her link: typed name, drawn signature, consent. */
export function PartnerSigner({ token, partnerName }: { token: string; partnerName: string }) {
  const sign = useMemo(() => partnerSignAction.bind(null, token), [token])
  const { form, action } = useHookFormAction(sign, zodResolver(SignatureSchema), {
    formProps: { defaultValues: { ...emptySignature, typedName: partnerName } },
  })
  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={form.handleSubmit(() => action.execute(form.getValues()))} data-test="partner-signer">
      <SignatureFields form={form} idPrefix="partner-signature" />
      {action.result.serverError ? <StatusMessage tone="error">{action.result.serverError}</StatusMessage> : null}
      <Button type="submit" size="lg" disabled={action.isPending} data-test="partner-sign">
        {action.isPending ? 'Signing…' : 'Sign the agreement'}
      </Button>
    </form>
  )
}
