import { FileSignature, FileText, Plus } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { FORM_KINDS, type FormKind } from '@/lib/paperwork/fields'
import { listTemplates, type TemplateListItem } from '@/lib/paperwork/queries'
import { COUNTERSIGNER_LABELS } from '@/lib/paperwork/template.schema'
import { getPaperworkSettings } from '@/lib/paperwork/templates.service'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { formatInstant } from '../../_components/format'
import { PaperworkSettingsForm } from './_components/paperwork-settings-form'

export const metadata: Metadata = { title: 'Forms' }

const SECTIONS: Record<FormKind, { title: string; description: string; add: string }> = {
  intake: { title: 'Intake forms', description: 'Questionnaires a client fills in from her portal.', add: 'New intake form' },
  agreement: { title: 'Agreements', description: 'Texts the client signs, then your practice countersigns.', add: 'New agreement' },
}

export default async function FormsSettingsPage() {
  const { active, db } = await requireDashboardContext()
  if (!active) return null
  const [templates, settings] = await Promise.all([listTemplates(db, active.practiceId), getPaperworkSettings(db, active.practiceId)])
  const canEdit = active.role !== 'doula'
  return (
    <>
      <PageHeader
        title="Forms"
        description="Intake questionnaires and agreements you send to clients. Editing one never changes a form already sent."
        actions={
          <Link href="/dashboard/settings" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            Back to settings
          </Link>
        }
      />
      <div className="flex flex-col gap-6">
        {FORM_KINDS.map((kind) => (
          <TemplateSection key={kind} kind={kind} templates={templates.filter((t) => t.kind === kind)} canEdit={canEdit} timeZone={active.settings.timeZone} />
        ))}
        <Card>
          <CardHeader>
            <CardTitle>Signing and reminders</CardTitle>
            {canEdit ? null : <CardDescription>Only the practice owner or an admin can change these.</CardDescription>}
          </CardHeader>
          <CardContent>
            {canEdit ? (
              <PaperworkSettingsForm initial={settings} />
            ) : (
              <dl className="grid gap-4 sm:grid-cols-2">
                <div>
                  <dt className="text-sm text-muted-foreground">Who countersigns</dt>
                  <dd className="font-medium">{COUNTERSIGNER_LABELS[settings.countersigner]}</dd>
                </div>
                <div>
                  <dt className="text-sm text-muted-foreground">Reminders</dt>
                  <dd className="font-medium">{settings.reminders ? 'On' : 'Off'}</dd>
                </div>
              </dl>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  )
}

function TemplateSection({ kind, templates, canEdit, timeZone }: { kind: FormKind; templates: TemplateListItem[]; canEdit: boolean; timeZone: string }) {
  const section = SECTIONS[kind]
  const Icon = kind === 'agreement' ? FileSignature : FileText
  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div>
          <CardTitle>{section.title}</CardTitle>
          <CardDescription>{section.description}</CardDescription>
        </div>
        {canEdit ? (
          <Button asChild variant="outline" size="sm">
            <Link href={`/dashboard/settings/forms/new?kind=${kind}`} data-test={`template-new-${kind}`}>
              <Plus aria-hidden /> {section.add}
            </Link>
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {templates.length === 0 ? (
          <p className="text-sm text-muted-foreground">None yet.</p>
        ) : (
          <ul className="divide-y divide-border" data-test={`templates-${kind}`}>
            {templates.map((t) => (
              <li key={t.id} className="flex items-center gap-3 py-3 first:pt-0 last:pb-0">
                <Icon aria-hidden className="size-5 shrink-0 text-primary" />
                <div className="min-w-0 flex-1">
                  <Link href={`/dashboard/settings/forms/${t.id}`} className="font-medium break-words underline-offset-4 hover:underline" data-test="template-link">
                    {t.name}
                  </Link>
                  <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted-foreground">
                    <span>
                      {t.questions} {t.questions === 1 ? 'question' : 'questions'} · version {t.version} · changed {formatInstant(t.updatedAt, timeZone)}
                    </span>
                    {t.archived ? <Badge>Archived</Badge> : null}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  )
}
