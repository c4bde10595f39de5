import { UsersRound } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { requireDashboardContext } from '@/lib/practice/active-practice'

export const metadata: Metadata = { title: 'Team' }

export default async function TeamPage() {
  await requireDashboardContext()
  return (
    <>
      <PageHeader title="Team" description="The doulas who share this practice, and what each can do." />
      <EmptyState icon={UsersRound} title="It is just you for now" description="Invite a partner or backup doula to share clients and on-call coverage. Each person signs in with their own email." data-test="team-empty" />
    </>
  )
}
