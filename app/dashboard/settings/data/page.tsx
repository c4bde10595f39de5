import type { Metadata } from 'next'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { ShieldCheck } from 'lucide-react'
import { ExportDownload } from './_components/export-download'

export const metadata: Metadata = { title: 'Data & privacy' }

export default async function DataPrivacyPage() {
  const { active } = await requireDashboardContext()
  const allowed = active && (active.role === 'owner' || active.role === 'admin')
  return (
    <>
      <PageHeader title="Data & privacy" description="Take a full copy of your practice, and see who did what." />
      {allowed ? (
        <div className="space-y-8">
          <section className="space-y-3" aria-labelledby="export-heading">
            <h2 id="export-heading" className="text-lg font-semibold">Export</h2>
            <p className="text-muted-foreground">
              One zip with every table as JSON and CSV, every stored file, the archived audit log (entries older
              than 12 months), and a manifest with counts and SHA-256 checksums. Each download is recorded in the
              audit log; you can make 5 an hour.
            </p>
            <ExportDownload practiceId={active.practiceId} />
          </section>
          <section className="space-y-2" aria-labelledby="audit-heading">
            <h2 id="audit-heading" className="text-lg font-semibold">Audit log</h2>
            <p className="text-muted-foreground">Document downloads, exports, invitations, role changes and deletions.</p>
            <Link href="/dashboard/settings/audit" className="font-medium text-primary underline-offset-4 hover:underline">
              Open the audit log
            </Link>
          </section>
        </div>
      ) : (
        <EmptyState icon={ShieldCheck} title="Owners and admins only" description="Ask your practice owner for an export." />
      )}
    </>
  )
}
