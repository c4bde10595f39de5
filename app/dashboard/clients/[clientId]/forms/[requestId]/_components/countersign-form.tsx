'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { useMemo } from 'react'
import { emptySignature, SignatureFields } from '@/components/paperwork/signature-fields'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { countersignAction } from '@/lib/paperwork/actions'
import { SignatureSchema } from '@/lib/paperwork/signature.schema'

/** The practice's countersignature: typed name, drawn signature, consent. */
export function CountersignForm({ clientId, requestId, defaultName }: { clientId: string; requestId: string; defaultName: string }) {
  const sign = useMemo(() => countersignAction.bind(null, clientId, requestId), [clientId, requestId])
  const { form, action } = useHookFormAction(sign, zodResolver(SignatureSchema), {
    formProps: { defaultValues: { ...emptySignature, typedName: defaultName } },
  })
  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={form.handleSubmit(() => action.execute(form.getValues()))} data-test="countersign-form">
      <SignatureFields form={form} idPrefix="countersign" />
      {action.result.serverError ? <StatusMessage tone="error">{action.result.serverError}</StatusMessage> : null}
      <div>
        <Button type="submit" disabled={action.isPending} data-test="countersign-submit">
          {action.isPending ? 'Signing…' : 'Countersign for the practice'}
        </Button>
      </div>
    </form>
  )
}
