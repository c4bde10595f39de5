import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/page-header'
import { Card, CardContent } from '@/components/ui/card'
import { getClientOrThrow } from '@/lib/clients/queries'
import { isAppError } from '@/lib/errors'
import { isUuid } from '@/lib/ids'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { listMembers } from '@/lib/team/queries'
import { ClientForm } from '../../_components/client-form'

export const metadata: Metadata = { title: 'Edit client' }

export default async function EditClientPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { active, db } = await requireDashboardContext()
  if (!active) return null
  const { clientId } = await params
  if (!isUuid(clientId)) notFound()
  const [client, members] = await Promise.all([
    getClientOrThrow(db, active.practiceId, clientId).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'not_found') notFound()
      throw error
    }),
    listMembers(db, active.practiceId),
  ])
  const j = client.current
  return (
    <>
      <PageHeader title={`Edit ${client.first_name}`} />
      <Card>
        <CardContent className="pt-6">
          <ClientForm
            members={members.map((m) => ({ id: m.userId, name: m.name }))}
            existing={{
              clientId: client.id,
              journeyId: j?.id ?? null,
              values: {
                firstName: client.first_name,
                lastName: client.last_name,
                preferredName: client.preferred_name ?? '',
                pronouns: client.pronouns ?? '',
                email: client.email ?? '',
                phone: client.phone ?? '',
                dueDate: j?.due_date ?? '',
                status: j?.status ?? 'lead',
                primaryDoulaId: j?.primary_doula_id ?? '',
                backupDoulaId: j?.backup_doula_id ?? '',
                acceptCapacityWarning: false,
              },
            }}
          />
        </CardContent>
      </Card>
    </>
  )
}
