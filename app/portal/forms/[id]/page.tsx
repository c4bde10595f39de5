import { ArrowLeft, Download } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { AgreementText } from '@/components/paperwork/agreement-text'
import { AnswersView } from '@/components/paperwork/answers-view'
import { SignatureList } from '@/components/paperwork/signature-list'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent } from '@/components/ui/card'
import { StatusMessage } from '@/components/ui/status-message'
import { isUuid } from '@/lib/ids'
import { getRequestDetail } from '@/lib/paperwork/queries'
import { CLIENT_STAGE_LABELS, isOpenForClient, stageOf, STAGE_TONES } from '@/lib/paperwork/status'
import { requirePortalContext } from '@/lib/server/portal-context'
import { formatCalendarDate } from '../../_components/format'
import { AgreementSigner, IntakeFiller } from '../_components/form-filler'
import { MarkOpened } from '../_components/mark-opened'

export const metadata: Metadata = { title: 'Form' }

export default async function PortalFormPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ db, records }, { id }] = await Promise.all([requirePortalContext(), params])
  if (!isUuid(id)) notFound()
  const detail = await getRequestDetail(db, id)
  // Her own forms only: a member who can read it is not its client.
  const record = detail ? records.find((r) => r.clientId === detail.summary.clientId) : undefined
  if (!detail || !record) notFound()
  const { summary, snapshot } = detail
  const stage = stageOf(summary)
  const open = isOpenForClient(summary)
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      {open ? <MarkOpened requestId={summary.id} /> : null}
      <Link href="/portal/forms" className="inline-flex items-center gap-1.5 text-sm font-medium text-primary underline-offset-4 hover:underline">
        <ArrowLeft aria-hidden className="size-4" /> All your forms
      </Link>
      <header className="flex flex-col gap-2">
        <p className="text-sm font-medium text-primary">{record.practiceName}</p>
        <h1 className="text-2xl font-semibold tracking-tight" data-test="form-title">
          {summary.name}
        </h1>
        <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <Badge tone={STAGE_TONES[stage]} data-test="form-stage">
            {CLIENT_STAGE_LABELS[stage]}
          </Badge>
          {summary.dueOn && open ? <span>Please finish by {formatCalendarDate(summary.dueOn)}</span> : null}
        </div>
      </header>
      {summary.note && open ? (
        <Card className="border-l-4 border-l-primary" data-test="form-note">
          <CardContent className="p-4">
            <p className="text-sm font-medium">A note from {record.practiceName}</p>
            <p className="mt-1 whitespace-pre-wrap">{summary.note}</p>
          </CardContent>
        </Card>
      ) : null}
      {snapshot.description && open ? <p className="text-muted-foreground">{snapshot.description}</p> : null}

      {snapshot.kind === 'agreement' ? (
        <Card>
          <CardContent className="p-4 sm:p-6">
            <AgreementText text={snapshot.body ?? ''} />
          </CardContent>
        </Card>
      ) : null}

      {summary.status === 'cancelled' ? (
        <StatusMessage tone="error">{record.practiceName} cancelled this form, so there is nothing more to do here.</StatusMessage>
      ) : open ? (
        snapshot.kind === 'agreement' ? (
          <AgreementSigner requestId={summary.id} fields={snapshot.fields} answers={detail.answers} />
        ) : (
          <IntakeFiller requestId={summary.id} fields={snapshot.fields} answers={detail.answers} />
        )
      ) : (
        <>
          <StatusMessage tone="success">
            {snapshot.kind === 'agreement'
              ? summary.sealedAt
                ? 'Everyone has signed. Your signed agreement is ready to download.'
                : 'You signed this agreement. The PDF shows each signature as it is given: come back here for the copy signed by everyone.'
              : `Thank you: ${record.practiceName} has your answers.`}
          </StatusMessage>
          <div>
            <Button asChild variant="outline">
              <a href={`/api/forms/${summary.id}/pdf`} data-test="form-pdf">
                <Download aria-hidden /> Download the PDF
              </a>
            </Button>
          </div>
          {snapshot.kind === 'agreement' ? <SignatureList signatures={detail.signatures} partnerName={summary.partnerName} timeZone={record.timeZone} /> : null}
          {snapshot.fields.length > 0 ? (
            <Card>
              <CardContent className="p-4 sm:p-6">
                <h2 className="mb-4 text-lg font-semibold">Your answers</h2>
                <AnswersView fields={snapshot.fields} answers={detail.answers} />
              </CardContent>
            </Card>
          ) : null}
        </>
      )}
    </div>
  )
}
