'use client'
import { RotateCw, XCircle } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { cancelFormAction, resendFormAction } from '@/lib/paperwork/actions'

/** Send an open form again, or cancel it. */
export function OpenRequestActions({ clientId, requestId, name }: { clientId: string; requestId: string; name: string }) {
  const resend = useAction(resendFormAction)
  const cancel = useAction(cancelFormAction)
  return (
    <div className="flex flex-col items-start gap-2">
      <div className="flex flex-wrap items-center gap-1">
        <Button variant="ghost" size="sm" disabled={resend.isPending} onClick={() => resend.execute({ clientId, requestId })} data-test="form-resend">
          <RotateCw aria-hidden />
          {resend.isPending ? 'Sending…' : 'Send again'}
          <span className="sr-only"> “{name}”</span>
        </Button>
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="sm" className="text-danger hover:text-danger" data-test="form-cancel">
              <XCircle aria-hidden /> Cancel<span className="sr-only"> “{name}”</span>
            </Button>
          }
          action={cancel}
          title="Cancel this form?"
          description={`She will no longer be able to fill in “${name}”, and no reminder goes out. What she already wrote stays on record.`}
          confirmLabel="Cancel the form"
          cancelLabel="Keep it"
          pendingLabel="Cancelling…"
          focusWhenDone="client-paperwork"
          onConfirm={() => cancel.execute({ clientId, requestId })}
          test="form-cancel-dialog"
        />
      </div>
      {resend.hasSucceeded ? <StatusMessage tone="success">Sent again.</StatusMessage> : null}
      {resend.result.serverError ? <StatusMessage tone="error">{resend.result.serverError}</StatusMessage> : null}
    </div>
  )
}
