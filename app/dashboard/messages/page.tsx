import { MessagesSquare } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { requireDashboardContext } from '@/lib/practice/active-practice'

export const metadata: Metadata = { title: 'Messages' }

export default async function MessagesPage() {
  await requireDashboardContext()
  return (
    <>
      <PageHeader title="Messages" description="Private conversations with your clients." />
      <EmptyState icon={MessagesSquare} title="No conversations yet" description="Invite a client to the portal from her record. Her messages to you will appear here." data-test="messages-empty" />
    </>
  )
}
