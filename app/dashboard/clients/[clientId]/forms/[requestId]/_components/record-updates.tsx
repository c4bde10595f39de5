'use client'
import { useAction } from 'next-safe-action/hooks'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { applyRecordUpdatesAction, dismissRecordUpdatesAction } from '@/lib/paperwork/actions'
import type { RecordTarget } from '@/lib/paperwork/fields'
import { flattenValidationErrors } from '@/lib/paperwork/submit.schema'

export interface Proposal {
  target: RecordTarget
  label: string
  current: string
  proposed: string
}

/** Her answers proposing changes to her record: the member ticks what to apply; nothing is written silently. */
export function RecordUpdates({ clientId, requestId, proposals }: { clientId: string; requestId: string; proposals: Proposal[] }) {
  const [chosen, setChosen] = useState<Set<RecordTarget>>(() => new Set(proposals.map((p) => p.target)))
  const apply = useAction(applyRecordUpdatesAction)
  const dismiss = useAction(dismissRecordUpdatesAction)
  const error = apply.result.serverError ?? Object.values(flattenValidationErrors(apply.result.validationErrors))[0] ?? dismiss.result.serverError
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault()
        apply.execute({ clientId, requestId, targets: [...chosen] })
      }}
      data-test="record-updates"
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="sr-only">Changes to apply</legend>
        {proposals.map((p) => (
          <label key={p.target} htmlFor={`update-${p.target}`} className="flex cursor-pointer items-start gap-3 rounded-md border border-border p-3 text-sm has-[:checked]:border-primary">
            <input
              id={`update-${p.target}`}
              type="checkbox"
              className="mt-0.5 size-5 shrink-0 accent-primary"
              checked={chosen.has(p.target)}
              onChange={(event) => {
                const next = new Set(chosen)
                if (event.target.checked) next.add(p.target)
                else next.delete(p.target)
                setChosen(next)
              }}
              data-test="record-update"
              data-target={p.target}
            />
            <span className="min-w-0">
              <span className="block font-medium">{p.label}</span>
              <span className="block text-muted-foreground">
                <span className="line-through decoration-muted-foreground/60">{p.current}</span> → <span className="font-medium text-foreground">{p.proposed}</span>
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {error ? <StatusMessage tone="error">{error}</StatusMessage> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" disabled={apply.isPending || chosen.size === 0} data-test="record-updates-apply">
          {apply.isPending ? 'Updating…' : `Update her record (${chosen.size})`}
        </Button>
        <Button variant="outline" disabled={dismiss.isPending} onClick={() => dismiss.execute({ clientId, requestId })} data-test="record-updates-dismiss">
          Leave her record as it is
        </Button>
      </div>
    </form>
  )
}
