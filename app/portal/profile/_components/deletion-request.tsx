'use client'
import { useAction } from 'next-safe-action/hooks'
import { useState } from 'react'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { requestDataDeletionAction } from '@/lib/portal/portal-actions'

/** The confirmation, shown in place of the button once asked; focus lands on it after the dialog. */
const REQUESTED_ID = 'deletion-requested'

export function DeletionRequest({ requestedAt }: { requestedAt: string | null }) {
  const [open, setOpen] = useState(false)
  const request = useAction(requestDataDeletionAction, { onSuccess: () => setOpen(false) })
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
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) request.reset()
      }}
      title="Ask your practice to delete your data?"
      description="They will be notified and will contact you before anything is erased."
      confirmLabel="Send the request"
      pendingLabel="Sending…"
      pending={request.isPending}
      error={request.result.serverError}
      done={request.hasSucceeded}
      focusWhenDone={REQUESTED_ID}
      onConfirm={() => request.execute()}
      test="deletion-request-dialog"
    />
  )
}
