'use client'
import { useAction } from 'next-safe-action/hooks'
import { TypedConfirmationForm } from '@/components/typed-confirmation-form'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { deleteAccountAction, sendDeletionConfirmationLinkAction } from '@/lib/privacy/actions'

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
  const { execute, result, isPending } = useAction(deleteAccountAction)
  return (
    <TypedConfirmationForm
      expected={practiceName}
      inputId="practiceName"
      testId="danger"
      submitLabel="Delete the account and everything in it"
      pendingLabel="Deleting everything…"
      isPending={isPending}
      onConfirm={(typed) => execute({ practiceName: typed })}
      fieldError={result.validationErrors?.practiceName?._errors?.[0]}
      serverError={result.serverError}
    />
  )
}
