import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { PageHeader } from '@/components/page-header'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { newFieldId } from '@/lib/paperwork/template.schema'
import { TemplateBuilder } from '../_components/template-builder'

export const metadata: Metadata = { title: 'New form' }

export default async function NewFormPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  const [{ active }, { kind: rawKind }] = await Promise.all([requireDashboardContext(), searchParams])
  if (!active) return null
  if (active.role === 'doula') redirect('/dashboard/settings/forms')
  const kind = rawKind === 'agreement' ? 'agreement' : 'intake'
  return (
    <>
      <PageHeader
        title={kind === 'agreement' ? 'New agreement' : 'New intake form'}
        actions={
          <Link href="/dashboard/settings/forms" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            Back to forms
          </Link>
        }
      />
      <TemplateBuilder
        version={null}
        initial={{
          kind,
          name: '',
          description: '',
          body: kind === 'agreement' ? '# Agreement\n\nThis agreement is between **{{practice.name}}** and **{{client.full_name}}**.\n' : '',
          fields: kind === 'agreement' ? [] : [{ id: newFieldId(), type: 'short_text', label: '', help: '', required: false, options: '', mapsTo: '' }],
        }}
      />
    </>
  )
}
