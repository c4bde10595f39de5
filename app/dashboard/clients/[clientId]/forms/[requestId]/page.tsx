import { ArrowLeft, Download } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/page-header'
import { AgreementText } from '@/components/paperwork/agreement-text'
import { AnswersView } from '@/components/paperwork/answers-view'
import { SignatureList } from '@/components/paperwork/signature-list'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { StatusMessage } from '@/components/ui/status-message'
import { isUuid } from '@/lib/ids'
import { clientDisplayName } from '@/lib/messages/names'
import { getRequestDetail } from '@/lib/paperwork/queries'
import { pendingRecordUpdates } from '@/lib/paperwork/record-updates.service'
import { isOpenForClient, PRACTICE_STAGE_LABELS, stageOf, STAGE_TONES, timelineOf } from '@/lib/paperwork/status'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { dbFailure } from '@/lib/server/db'
import { formatDay, formatInstant } from '../../../../_components/format'
import { OpenRequestActions } from '../../_components/paperwork-actions'
import { CountersignForm } from './_components/countersign-form'
import { RecordUpdates } from './_components/record-updates'

export const metadata: Metadata = { title: 'Form' }

export default async function ClientFormPage({ params }: { params: Promise<{ clientId: string; requestId: string }> }) {
  const [{ active, user, db }, { clientId, requestId }] = await Promise.all([requireDashboardContext(), params])
  if (!active) return null
  if (!isUuid(clientId) || !isUuid(requestId)) notFound()
  const [detail, client, may] = await Promise.all([
    getRequestDetail(db, requestId, active.practiceId),
    db.from('clients').select('first_name, last_name, preferred_name').eq('practice_id', active.practiceId).eq('id', clientId).maybeSingle(),
    db.rpc('can_countersign_form', { p_request_id: requestId }),
  ])
  if (client.error) throw dbFailure('load this client', client.error)
  if (may.error) throw dbFailure('check who countersigns', may.error)
  if (!detail || !client.data || detail.summary.clientId !== clientId) notFound()
  const { summary, snapshot } = detail
  const stage = stageOf(summary)
  const name = clientDisplayName(client.data)
  const proposals = await pendingRecordUpdates(db, active.practiceId, detail)
  const timeZone = active.settings.timeZone

  return (
    <>
      <Link href={`/dashboard/clients/${clientId}?tab=paperwork`} className="mb-4 inline-flex items-center gap-1.5 text-sm font-medium text-primary underline-offset-4 hover:underline">
        <ArrowLeft aria-hidden className="size-4" /> {name}’s paperwork
      </Link>
      <PageHeader
        title={summary.name}
        description={`${snapshot.kind === 'agreement' ? 'Agreement' : 'Intake form'} for ${name} · version ${snapshot.version ?? 1}${summary.dueOn ? ` · due ${formatDay(summary.dueOn)}` : ''}`}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={STAGE_TONES[stage]} data-test="form-stage">
              {PRACTICE_STAGE_LABELS[stage]}
            </Badge>
            {summary.status === 'submitted' ? (
              <Button asChild variant="outline" size="sm">
                <a href={`/api/forms/${summary.id}/pdf`} data-test="form-pdf">
                  <Download aria-hidden /> Download the PDF
                </a>
              </Button>
            ) : null}
          </div>
        }
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardContent className="flex flex-col gap-3 p-4 sm:p-6">
            <ol className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-muted-foreground" aria-label="History" data-test="form-history">
              {timelineOf(summary).map((step) => (
                <li key={step.label}>
                  <span className="font-medium text-foreground">{step.label}</span> {formatInstant(step.at, timeZone)}
                </li>
              ))}
            </ol>
            {summary.note ? <p className="text-sm"><span className="font-medium">Your note:</span> {summary.note}</p> : null}
            {isOpenForClient(summary) ? <OpenRequestActions clientId={clientId} requestId={summary.id} name={summary.name} /> : null}
          </CardContent>
        </Card>

        {proposals.length > 0 ? (
          <Card data-test="record-updates-card">
            <CardHeader>
              <CardTitle>Update her record?</CardTitle>
              <CardDescription>Her answers differ from what her record says. Tick what to copy into it; nothing changes until you do.</CardDescription>
            </CardHeader>
            <CardContent>
              <RecordUpdates clientId={clientId} requestId={summary.id} proposals={proposals.map(({ value: _value, ...p }) => p)} />
            </CardContent>
          </Card>
        ) : null}

        {snapshot.kind === 'agreement' ? (
          <>
            <Card>
              <CardHeader>
                <CardTitle>Signatures</CardTitle>
              </CardHeader>
              <CardContent className="flex flex-col gap-4">
                <SignatureList signatures={detail.signatures} partnerName={summary.partnerName} timeZone={timeZone} />
                {stage === 'awaiting_practice' ? (
                  may.data ? (
                    <CountersignForm clientId={clientId} requestId={summary.id} defaultName={user.fullName ?? ''} />
                  ) : (
                    <StatusMessage tone="error">Your practice’s setting says someone else countersigns this agreement (Settings → Forms).</StatusMessage>
                  )
                ) : null}
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>The agreement as she read it</CardTitle>
              </CardHeader>
              <CardContent>
                <AgreementText text={snapshot.body ?? ''} />
              </CardContent>
            </Card>
          </>
        ) : null}

        {snapshot.fields.length > 0 ? (
          <Card>
            <CardHeader>
              <CardTitle>Her answers</CardTitle>
            </CardHeader>
            <CardContent>
              {summary.status === 'submitted' ? (
                <AnswersView fields={snapshot.fields} answers={detail.answers} />
              ) : (
                // A draft is hers until she submits it.
                <p className="text-sm text-muted-foreground" data-test="answers-pending">
                  {summary.status === 'cancelled' ? 'The form was cancelled before she submitted it.' : 'Her answers show here once she submits the form.'}
                </p>
              )}
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  )
}
