'use client'
import { useAction } from 'next-safe-action/hooks'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { savePaperworkSettingsAction } from '@/lib/paperwork/actions'
import { COUNTERSIGNER_LABELS, COUNTERSIGNERS } from '@/lib/paperwork/template.schema'
import type { PaperworkSettings } from '@/lib/paperwork/templates.service'

/** Who countersigns agreements for the practice, and whether clients get reminders. */
export function PaperworkSettingsForm({ initial }: { initial: PaperworkSettings }) {
  const [countersigner, setCountersigner] = useState(initial.countersigner)
  const [reminders, setReminders] = useState(initial.reminders)
  const save = useAction(savePaperworkSettingsAction)
  return (
    <form
      className="flex flex-col gap-5"
      onSubmit={(event) => {
        event.preventDefault()
        save.execute({ countersigner, reminders })
      }}
      data-test="paperwork-settings"
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Who countersigns agreements for the practice</legend>
        {COUNTERSIGNERS.map((value) => (
          <label key={value} htmlFor={`countersigner-${value}`} className="flex items-start gap-3 text-sm">
            <input
              id={`countersigner-${value}`}
              type="radio"
              name="countersigner"
              value={value}
              checked={countersigner === value}
              onChange={() => setCountersigner(value)}
              className="mt-0.5 size-5 accent-primary"
            />
            {COUNTERSIGNER_LABELS[value]}
          </label>
        ))}
      </fieldset>
      <label htmlFor="form-reminders" className="flex items-start gap-3 text-sm">
        <input id="form-reminders" type="checkbox" checked={reminders} onChange={(e) => setReminders(e.target.checked)} className="mt-0.5 size-5 accent-primary" data-test="form-reminders" />
        <span>
          <span className="block font-medium">Remind clients of unfinished forms</span>
          <span className="block text-muted-foreground">One email 3 days after you send a form, and one the day before it is due. Never after she submits it.</span>
        </span>
      </label>
      {save.result.serverError ? <StatusMessage tone="error">{save.result.serverError}</StatusMessage> : null}
      {save.hasSucceeded ? <StatusMessage tone="success">Saved.</StatusMessage> : null}
      <div>
        <Button type="submit" disabled={save.isPending} data-test="paperwork-settings-save">
          {save.isPending ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </form>
  )
}
