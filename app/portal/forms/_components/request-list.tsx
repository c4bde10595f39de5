import { ChevronRight, FileSignature, FileText } from 'lucide-react'
import Link from 'next/link'
import { Badge } from '@/components/ui/badge'
import { CLIENT_STAGE_LABELS, isOpenForClient, stageOf, STAGE_TONES, type RequestSummary } from '@/lib/paperwork/status'
import { formatCalendarDate } from '../../_components/format'

/** Her forms as a list of links, each with where it stands and when it is due. */
export function RequestList({ requests, test }: { requests: RequestSummary[]; test: string }) {
  return (
    <ul className="divide-y divide-border" data-test={test}>
      {requests.map((r) => {
        const stage = stageOf(r)
        const Icon = r.kind === 'agreement' ? FileSignature : FileText
        return (
          <li key={r.id}>
            <Link
              href={`/portal/forms/${r.id}`}
              className="flex min-h-14 items-center gap-3 py-3 hover:bg-muted/50 focus-visible:outline-2 focus-visible:outline-ring"
              data-test="portal-form"
              data-form={r.name}
            >
              <Icon aria-hidden className="size-5 shrink-0 text-primary" />
              <span className="min-w-0 flex-1">
                <span className="block font-medium break-words">{r.name}</span>
                <span className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
                  <Badge tone={STAGE_TONES[stage]}>{CLIENT_STAGE_LABELS[stage]}</Badge>
                  {r.dueOn && isOpenForClient(r) ? <span>Due {formatCalendarDate(r.dueOn)}</span> : null}
                </span>
              </span>
              <ChevronRight aria-hidden className="size-4 shrink-0 text-muted-foreground" />
            </Link>
          </li>
        )
      })}
    </ul>
  )
}
