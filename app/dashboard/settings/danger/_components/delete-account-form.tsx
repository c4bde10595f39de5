'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useAction } from 'next-safe-action/hooks'
import { useForm, useWatch } from 'react-hook-form'
import type { z } from 'zod'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { deleteAccountAction, sendDeletionConfirmationLinkAction } from '@/lib/privacy/actions'
import { DeleteAccountSchema } from '@/lib/privacy/deletion/erasure.schema'

/** Step 1 when the sign-in is older than five minutes: a fresh magic link back to this page. */
export function ConfirmIdentity() {
  const { execute, result, isPending } = useAction(sendDeletionConfirmationLinkAction)
  if (result.data) {
    return <StatusMessage tone="success">We sent a link to {result.data.sentTo}. Open it within 5 minutes to continue.</StatusMessage>
  }
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted-foreground">
        To protect your clients, deleting the account needs a sign-in from the last 5 minutes.
      </p>
      {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
      <Button variant="outline" onClick={() => execute()} disabled={isPending} data-test="danger-send-link">
        {isPending ? 'Sending…' : 'Email me a confirmation link'}
      </Button>
    </div>
  )
}

/** Step 2: the practice name typed by hand, then the deletion (which signs her out on success). */
export function DeleteAccountForm({ practiceName }: { practiceName: string }) {
  const form = useForm<z.input<typeof DeleteAccountSchema>, unknown, z.output<typeof DeleteAccountSchema>>({
    resolver: zodResolver(DeleteAccountSchema),
    defaultValues: { practiceName: '' },
  })
  const { execute, result, isPending } = useAction(deleteAccountAction, {
    onError({ error }) {
      const message = error.validationErrors?.practiceName?._errors?.[0]
      if (message) form.setError('practiceName', { message })
    },
  })
  const typed = useWatch({ control: form.control, name: 'practiceName' })
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => execute(values))} className="flex flex-col gap-4" data-test="danger-form">
      <FormField
        id="practiceName"
        label={`Type "${practiceName}" to confirm`}
        autoComplete="off"
        data-test="danger-practice-name"
        error={form.formState.errors.practiceName?.message}
        {...form.register('practiceName')}
      />
      {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
      <Button type="submit" variant="danger" disabled={isPending || typed.trim() !== practiceName.trim()} data-test="danger-submit">
        {isPending ? 'Deleting everything…' : 'Delete the account and everything in it'}
      </Button>
    </form>
  )
}
