import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/page-header'
import { Badge } from '@/components/ui/badge'
import { isAppError } from '@/lib/errors'
import { isUuid } from '@/lib/ids'
import { getTemplateOrThrow, type Template } from '@/lib/paperwork/queries'
import { toBuilderField } from '@/lib/paperwork/template.schema'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import type { Db } from '@/lib/server/db'
import { ArchiveTemplate } from '../_components/archive-template'
import { TemplateBuilder } from '../_components/template-builder'
import { TemplatePreview } from '../_components/template-preview'

export const metadata: Metadata = { title: 'Edit form' }

async function load(db: Db, practiceId: string, templateId: string): Promise<Template> {
  try {
    return await getTemplateOrThrow(db, practiceId, templateId)
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound()
    throw error
  }
}

export default async function EditFormPage({ params }: { params: Promise<{ templateId: string }> }) {
  const [{ active, db }, { templateId }] = await Promise.all([requireDashboardContext(), params])
  if (!active) return null
  if (!isUuid(templateId)) notFound()
  const template = await load(db, active.practiceId, templateId)
  const canEdit = active.role !== 'doula'
  const initial = {
    templateId: template.id,
    kind: template.kind,
    name: template.name,
    description: template.description,
    body: template.body,
    fields: template.fields.map(toBuilderField),
  }
  return (
    <>
      <PageHeader
        title={template.name}
        description={`${template.kind === 'agreement' ? 'Agreement' : 'Intake form'} · version ${template.version}`}
        actions={
          <div className="flex flex-wrap items-center gap-3">
            {template.archived ? <Badge>Archived</Badge> : null}
            {canEdit ? <ArchiveTemplate templateId={template.id} archived={template.archived} /> : null}
            <Link href="/dashboard/settings/forms" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
              Back to forms
            </Link>
          </div>
        }
      />
      {canEdit ? <TemplateBuilder key={template.version} initial={initial} version={template.version} /> : <TemplatePreview values={initial} />}
    </>
  )
}
