'use client'
import { useAction } from 'next-safe-action/hooks'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { requestDataDeletionAction } from '@/lib/portal/portal-actions'

/** The confirmation, shown in place of the button once asked; focus lands on it after the dialog. */
const REQUESTED_ID = 'deletion-requested'

export function DeletionRequest({ requestedAt }: { requestedAt: string | null }) {
  const request = useAction(requestDataDeletionAction)
  if (requestedAt || request.result.data) {
    return (
      <div id={REQUESTED_ID} tabIndex={-1} className="focus:outline-none" data-test="deletion-requested">
        <StatusMessage tone="success">
          Your practice has your request to delete your data. They will contact you before anything is erased.
        </StatusMessage>
      </div>
    )
  }
  return (
    <ConfirmDialog
      trigger={
        <Button type="button" variant="outline" className="self-start" data-test="request-deletion">
          Ask the practice to delete my data
        </Button>
      }
      action={request}
      title="Ask your practice to delete your data?"
      description="They will be notified and will contact you before anything is erased."
      confirmLabel="Send the request"
      pendingLabel="Sending…"
      focusWhenDone={REQUESTED_ID}
      onConfirm={() => request.execute()}
      test="deletion-request-dialog"
    />
  )
}
