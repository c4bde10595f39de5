'use client'
import { useAction } from 'next-safe-action/hooks'
import { useRouter } from 'next/navigation'
import { TypedConfirmationForm } from '@/components/typed-confirmation-form'
import { deleteClientAction } from '@/lib/privacy/actions'

/**
 * Erases one client from this practice after her name is typed by hand; owners and admins only.
 * Only a client with a portal login is emailed (at the address she signs in with): the form says
 * which, so nobody is promised an email that never goes.
 */
export function DeleteClientForm({ clientId, clientName, hasPortalLogin }: { clientId: string; clientName: string; hasPortalLogin: boolean }) {
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
      <p className="text-sm text-muted-foreground" data-test="delete-client-consequences">
        {hasPortalLogin
          ? 'This erases every record and file of hers in this practice, and her portal login unless she uses it with another practice. She is emailed at the address she signs in with that her data is gone, and you get a receipt. It cannot be undone.'
          : 'This erases every record and file of hers in this practice. She has no portal login, so DoulaOS does not email her: tell her yourself once it is done. You get a receipt. It cannot be undone.'}
      </p>
    </TypedConfirmationForm>
  )
}
