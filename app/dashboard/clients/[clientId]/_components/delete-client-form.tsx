'use client'
import { useAction } from 'next-safe-action/hooks'
import { useRouter } from 'next/navigation'
import { TypedConfirmationForm } from '@/components/typed-confirmation-form'
import { deleteClientAction } from '@/lib/privacy/actions'

/** Erases one client from this practice after her name is typed by hand; owners and admins only. */
export function DeleteClientForm({ clientId, clientName }: { clientId: string; clientName: string }) {
  const router = useRouter()
  const { execute, result, isPending } = useAction(deleteClientAction, {
    onSuccess() {
      router.push('/dashboard/clients')
    },
  })
  return (
    <TypedConfirmationForm
      expected={clientName}
      inputId="confirmName"
      testId="delete-client"
      submitLabel="Delete her data"
      pendingLabel="Deleting her data…"
      isPending={isPending}
      onConfirm={(typed) => execute({ clientId, confirmName: typed })}
      fieldError={result.validationErrors?.confirmName?._errors?.[0]}
      serverError={result.serverError}
    >
      <p className="text-sm text-muted-foreground">
        This erases every record and file of hers in this practice, and her portal login unless she uses it with another
        practice. She is emailed that her data is gone, and you get a receipt. It cannot be undone.
      </p>
    </TypedConfirmationForm>
  )
}
