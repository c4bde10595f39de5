import { ClipboardList, Download, FileSignature, FileText } from 'lucide-react'
import Link from 'next/link'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { StatusMessage } from '@/components/ui/status-message'
import { isOpenForClient, PRACTICE_STAGE_LABELS, stageOf, STAGE_TONES, timelineOf, type RequestSummary } from '@/lib/paperwork/status'
import { formatDay, formatInstant } from '../../../_components/format'
import { OpenRequestActions } from './paperwork-actions'
import { SendFormDialog, type SendableTemplate } from './send-form-dialog'

interface Props {
  clientId: string
  clientName: string
  hasPortalAccess: boolean
  requests: RequestSummary[]
  templates: SendableTemplate[]
  timeZone: string
}

/** Her forms and agreements: where each stands, with dates; send, resend, cancel, open. */
export function PaperworkPanel({ clientId, clientName, hasPortalAccess, requests, templates, timeZone }: Props) {
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Send a form or an agreement</CardTitle>
          <CardDescription>
            She fills it in and signs it in her portal; you see each step here. <Link href="/dashboard/settings/forms" className="text-primary underline underline-offset-4">Edit your forms</Link>
          </CardDescription>
        </CardHeader>
        <CardContent>
          {hasPortalAccess ? (
            <SendFormDialog clientId={clientId} clientName={clientName} templates={templates} />
          ) : (
            <StatusMessage tone="error">Invite {clientName} to the portal first: forms are filled in there.</StatusMessage>
          )}
        </CardContent>
      </Card>
      <section id="client-paperwork" aria-labelledby="client-paperwork-title" tabIndex={-1} className="focus:outline-none">
        <h2 id="client-paperwork-title" className="mb-3 text-base font-semibold">
          Paperwork
        </h2>
        {requests.length === 0 ? (
          <EmptyState icon={ClipboardList} title="Nothing sent yet" description="Forms and agreements you send her appear here with where each one stands." data-test="client-paperwork-empty" />
        ) : (
          <Card className="p-0">
            <ul className="divide-y divide-border" data-test="client-paperwork">
              {requests.map((r) => {
                const stage = stageOf(r)
                const Icon = r.kind === 'agreement' ? FileSignature : FileText
                return (
                  <li key={r.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between" data-test="client-form" data-form={r.name} data-stage={stage}>
                    <div className="flex min-w-0 gap-3">
                      <Icon aria-hidden className="mt-0.5 size-5 shrink-0 text-primary" />
                      <div className="min-w-0">
                        <Link href={`/dashboard/clients/${clientId}/forms/${r.id}`} className="font-medium break-words underline-offset-4 hover:underline" data-test="client-form-open">
                          {r.name}
                        </Link>
                        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
                          <Badge tone={STAGE_TONES[stage]} data-test="client-form-stage">
                            {PRACTICE_STAGE_LABELS[stage]}
                          </Badge>
                          {r.dueOn && isOpenForClient(r) ? <span className="text-muted-foreground">Due {formatDay(r.dueOn)}</span> : null}
                        </p>
                        <ol className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground" aria-label="History">
                          {timelineOf(r).map((step) => (
                            <li key={step.label}>
                              {step.label} {formatInstant(step.at, timeZone)}
                            </li>
                          ))}
                        </ol>
                      </div>
                    </div>
                    <div className="flex shrink-0 flex-wrap items-center gap-1 pl-8 sm:pl-0">
                      {isOpenForClient(r) ? <OpenRequestActions clientId={clientId} requestId={r.id} name={r.name} /> : null}
                      {r.status === 'submitted' ? (
                        <a href={`/api/forms/${r.id}/pdf`} className="inline-flex h-8 items-center gap-2 rounded-md px-3 text-sm font-medium hover:bg-muted" data-test="client-form-pdf">
                          <Download aria-hidden className="size-4" /> PDF<span className="sr-only"> of “{r.name}”</span>
                        </a>
                      ) : null}
                    </div>
                  </li>
                )
              })}
            </ul>
          </Card>
        )}
      </section>
    </div>
  )
}
