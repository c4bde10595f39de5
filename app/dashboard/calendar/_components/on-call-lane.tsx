import { Moon } from 'lucide-react'
import Link from 'next/link'
import type { OnCallMark } from './calendar-day'

/** Who is on call on a day (the journey's window covers it), with her primary doula. */
export function OnCallLane({ marks }: { marks: OnCallMark[] }) {
  if (marks.length === 0) return null
  return (
    <ul className="flex flex-col gap-1" aria-label="On call" data-test="on-call-lane">
      {marks.map((m) => (
        <li key={m.journeyId}>
          <Link
            href={`/dashboard/clients/${m.clientId}`}
            className="flex items-start gap-1.5 rounded-md bg-secondary px-2 py-1 text-xs leading-snug text-secondary-foreground hover:underline"
          >
            <Moon aria-hidden className="mt-0.5 size-3 shrink-0" />
            <span>
              On call: {m.clientName}
              {m.doulaName ? <span className="block opacity-80">{m.doulaName}</span> : null}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  )
}
