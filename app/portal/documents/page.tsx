import { FileText } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { requirePortalContext } from '@/lib/portal/context'

export const metadata: Metadata = { title: 'Documents' }

export default async function PortalDocumentsPage() {
  await requirePortalContext()
  return (
    <>
      <PageHeader title="Documents" description="Files you share with your doula, kept private." />
      <EmptyState icon={FileText} title="No documents yet" description="Your birth plan, forms and signed agreements will be listed here once you or your doula share them." data-test="portal-documents-empty" />
    </>
  )
}
