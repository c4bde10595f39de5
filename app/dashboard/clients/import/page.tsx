import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { Card, CardContent } from '@/components/ui/card'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { ImportClients } from './import-clients'

export const metadata: Metadata = { title: 'Import clients' }

export default async function ImportClientsPage() {
  const { active } = await requireDashboardContext()
  if (!active) return null
  return (
    <>
      <PageHeader title="Import clients" description="Bring your client list from a spreadsheet or another tool: each row becomes a client with her first journey." />
      <Card>
        <CardContent className="pt-6">
          <ImportClients />
        </CardContent>
      </Card>
    </>
  )
}
