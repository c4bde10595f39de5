'use client'
import { useAction } from 'next-safe-action/hooks'
import { choosePortalPracticeAction } from '@/lib/portal/portal-actions'

/** Shown only to a client of several practices: which practice's portal she is looking at. */
export function PracticePicker({ practices, activeId }: { practices: { id: string; name: string }[]; activeId: string }) {
  const { execute, isPending } = useAction(choosePortalPracticeAction)
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only sm:not-sr-only">Practice</span>
      <select
        className="h-9 max-w-40 truncate rounded-md border border-input bg-card px-2 text-sm"
        value={activeId}
        disabled={isPending}
        onChange={(event) => execute({ practiceId: event.target.value })}
        data-test="portal-practice-picker"
      >
        {practices.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  )
}
