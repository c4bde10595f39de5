import type { Metadata } from 'next'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { listTemplate } from '@/lib/milestones/template.service'
import { listTemplates } from '@/lib/paperwork/queries'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { TemplateEditor } from './_components/template-editor'

export const metadata: Metadata = { title: 'Milestone template' }

export default async function MilestoneTemplatePage() {
  const { active, db } = await requireDashboardContext()
  if (!active) return null
  const [items, forms] = await Promise.all([listTemplate(db, active.practiceId), listTemplates(db, active.practiceId)])
  const canEdit = active.role !== 'doula'
  return (
    <>
      <PageHeader
        title="Milestone template"
        description="Every new client with a due date starts with these milestones, and an action an item carries runs on its date. Each client's timeline can then be changed on her page."
        actions={
          <Link href="/dashboard/settings" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            Back to settings
          </Link>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>Template</CardTitle>
          <CardDescription>
            {canEdit ? 'In the order you want to see them here; client timelines are sorted by date.' : 'Only the practice owner or an admin can change the template.'}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <TemplateEditor items={items} forms={forms.filter((f) => !f.archived).map((f) => ({ value: f.id, label: f.name }))} canEdit={canEdit} />
        </CardContent>
      </Card>
    </>
  )
}
