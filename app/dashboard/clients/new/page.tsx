import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { Card, CardContent } from '@/components/ui/card'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { listMembers } from '@/lib/team/queries'
import { ClientForm } from '../_components/client-form'

export const metadata: Metadata = { title: 'New client' }

export default async function NewClientPage() {
  const { active, db } = await requireDashboardContext()
  if (!active) return null
  const members = await listMembers(db, active.practiceId)
  return (
    <>
      <PageHeader title="New client" description="Her due date sets her gestational age, on-call window and milestone timeline." />
      <Card>
        <CardContent className="pt-6">
          <ClientForm members={members.map((m) => ({ id: m.userId, name: m.name }))} />
        </CardContent>
      </Card>
    </>
  )
}
