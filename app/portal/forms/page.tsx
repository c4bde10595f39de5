import { ClipboardList } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { listClientRequests } from '@/lib/paperwork/queries'
import { isOpenForClient } from '@/lib/paperwork/status'
import { requirePortalContext } from '@/lib/server/portal-context'
import { RequestList } from './_components/request-list'

export const metadata: Metadata = { title: 'Forms' }

export default async function PortalFormsPage() {
  const { active, db } = await requirePortalContext()
  const requests = await listClientRequests(db, active)
  const todo = requests.filter(isOpenForClient)
  const done = requests.filter((r) => !isOpenForClient(r))
  return (
    <>
      <PageHeader title="Forms" description={`Questionnaires and agreements from ${active.practiceName}.`} />
      {requests.length === 0 ? (
        <EmptyState icon={ClipboardList} title="No forms yet" description="When your doula sends you a form or an agreement, it appears here." data-test="portal-forms-empty" />
      ) : (
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>To do</CardTitle>
            </CardHeader>
            <CardContent className="pt-2">
              {todo.length === 0 ? <p className="text-sm text-muted-foreground">Nothing waiting for you.</p> : <RequestList requests={todo} test="portal-forms-todo" />}
            </CardContent>
          </Card>
          {done.length > 0 ? (
            <Card>
              <CardHeader>
                <CardTitle>Done</CardTitle>
              </CardHeader>
              <CardContent className="pt-2">
                <RequestList requests={done} test="portal-forms-done" />
              </CardContent>
            </Card>
          ) : null}
        </div>
      )}
    </>
  )
}
