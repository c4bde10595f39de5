'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useAction } from 'next-safe-action/hooks'
import { useRouter } from 'next/navigation'
import { useForm, useWatch } from 'react-hook-form'
import type { z } from 'zod'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { deleteClientAction } from '@/lib/privacy/actions'
import { DeleteClientSchema } from '@/lib/privacy/deletion/erasure.schema'

/** Erases one client from this practice after her name is typed by hand; owners and admins only. */
export function DeleteClientForm({ clientId, clientName }: { clientId: string; clientName: string }) {
  const router = useRouter()
  const form = useForm<z.input<typeof DeleteClientSchema>, unknown, z.output<typeof DeleteClientSchema>>({
    resolver: zodResolver(DeleteClientSchema),
    defaultValues: { clientId, confirmName: '' },
  })
  const { execute, result, isPending } = useAction(deleteClientAction, {
    onSuccess() {
      router.push('/dashboard/clients')
    },
    onError({ error }) {
      const message = error.validationErrors?.confirmName?._errors?.[0]
      if (message) form.setError('confirmName', { message })
    },
  })
  const typed = useWatch({ control: form.control, name: 'confirmName' })
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => execute(values))} className="flex flex-col gap-4" data-test="delete-client-form">
      <p className="text-sm text-muted-foreground">
        This erases every record and file of hers in this practice, and her portal login unless she uses it with another
        practice. She is emailed that her data is gone, and you get a receipt. It cannot be undone.
      </p>
      <FormField
        id="confirmName"
        label={`Type "${clientName}" to confirm`}
        autoComplete="off"
        error={form.formState.errors.confirmName?.message}
        {...form.register('confirmName')}
      />
      {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
      <Button type="submit" variant="danger" disabled={isPending || typed.trim() !== clientName.trim()} data-test="delete-client-submit">
        {isPending ? 'Deleting her data…' : 'Delete her data'}
      </Button>
    </form>
  )
}
