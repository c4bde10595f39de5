import { MessageCircle } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { requirePortalUser } from '@/lib/auth/require-portal-user'

export const metadata: Metadata = { title: 'Messages' }

export default async function PortalMessagesPage() {
  await requirePortalUser()
  return (
    <>
      <PageHeader title="Messages" description="A private line to your doula." />
      <EmptyState icon={MessageCircle} title="No messages yet" description="When your doula starts the conversation, you can reply here. For anything urgent in labour, call your doula or your care provider." data-test="portal-messages-empty" />
    </>
  )
}
