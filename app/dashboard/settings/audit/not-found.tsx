import Link from 'next/link'
import { NotFoundTitle } from '@/components/not-found-title'
import { PageHeader } from '@/components/page-header'
import { Button } from '@/components/ui/button'

/** A page of the audit log that does not exist (a mangled "Older events" link). */
export default function AuditPageNotFound() {
  return (
    <>
      <NotFoundTitle title="Audit log page not found" />
      <PageHeader title="Audit log" />
      <div className="flex flex-col items-start gap-4" data-test="audit-page-not-found">
        <p className="text-muted-foreground">This page of the audit log does not exist. The link may be incomplete or changed by hand.</p>
        <Button asChild variant="outline">
          <Link href="/dashboard/settings/audit">Back to the newest events</Link>
        </Button>
      </div>
    </>
  )
}
