'use client'
import { useAction } from 'next-safe-action/hooks'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { requestDataDeletionAction } from '@/lib/portal/portal-actions'

export function DeletionRequest({ requestedAt }: { requestedAt: string | null }) {
  const { execute, result, isPending } = useAction(requestDataDeletionAction)
  if (requestedAt || result.data) {
    return (
      <StatusMessage tone="success">
        Your practice has your request to delete your data. They will contact you before anything is erased.
      </StatusMessage>
    )
  }
  return (
    <div className="flex flex-col gap-3">
      {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
      <Button
        type="button"
        variant="outline"
        className="self-start"
        disabled={isPending}
        onClick={() => {
          if (window.confirm('Ask your practice to delete your data? They will be notified and will contact you.')) execute()
        }}
        data-test="request-deletion"
      >
        {isPending ? 'Sending…' : 'Ask the practice to delete my data'}
      </Button>
    </div>
  )
}
