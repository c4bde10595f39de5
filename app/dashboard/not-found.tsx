import Link from 'next/link'
import { NotFoundTitle } from '@/components/not-found-title'
import { PageHeader } from '@/components/page-header'
import { Button } from '@/components/ui/button'
import { DASHBOARD_HOME } from './_components/nav-items'

/** A dashboard page that does not exist, or a record this practice does not have (a client, a form, a conversation). */
export default function DashboardNotFound() {
  return (
    <>
      <NotFoundTitle title="Page not found" />
      <PageHeader title="Page not found" />
      <div className="flex flex-col items-start gap-4" data-test="dashboard-not-found">
        <p className="text-muted-foreground">
          There is nothing at this address in your practice. It may have been deleted, or the link may be incomplete.
        </p>
        <Button asChild variant="outline">
          <Link href={DASHBOARD_HOME}>Back to today</Link>
        </Button>
      </div>
    </>
  )
}
