import { Users } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { requireDashboardContext } from '@/lib/practice/active-practice'

export const metadata: Metadata = { title: 'Clients' }

export default async function ClientsPage() {
  await requireDashboardContext()
  return (
    <>
      <PageHeader title="Clients" description="Everyone your practice supports, with their pregnancies and due dates." />
      <EmptyState icon={Users} title="No clients yet" description="Add your first client with her due date. DoulaOS then works out her gestational age and on-call window for you." data-test="clients-empty" />
    </>
  )
}
