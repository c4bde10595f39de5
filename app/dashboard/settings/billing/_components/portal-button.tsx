'use client'
import { useAction } from 'next-safe-action/hooks'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { openBillingPortalAction } from '@/lib/billing/actions'

/** Card, plan, seats, invoices and cancellation live in Stripe's customer portal. */
export function PortalButton({ label = 'Manage billing' }: { label?: string }) {
  const { execute, isPending, result } = useAction(openBillingPortalAction, {
    onSuccess({ data }) {
      if (data?.url) window.location.assign(data.url)
    },
  })
  return (
    <div className="flex flex-col items-start gap-2">
      <Button variant="outline" onClick={() => execute()} disabled={isPending} data-test="billing-portal">
        {isPending ? 'Opening…' : label}
      </Button>
      {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
    </div>
  )
}
