'use client'
import { useAction } from 'next-safe-action/hooks'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { removeRuleAction } from '@/lib/automations/actions'

/** Removes one rule: it acts no more; what it already did stays done. */
export function RemoveRuleButton({ ruleId }: { ruleId: string }) {
  const remove = useAction(removeRuleAction)
  return (
    <div className="flex flex-col items-stretch gap-2 sm:items-end">
      <Button type="button" variant="outline" size="sm" className="h-9" disabled={remove.isPending} onClick={() => remove.execute({ ruleId })} data-test="automation-rule-remove">
        {remove.isPending ? 'Removing…' : 'Remove'}
        <span className="sr-only"> this rule</span>
      </Button>
      {remove.result.serverError ? <StatusMessage tone="error">{remove.result.serverError}</StatusMessage> : null}
    </div>
  )
}
