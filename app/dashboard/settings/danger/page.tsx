import { TriangleAlert } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { getErasurePreview, hasFreshSignIn } from '@/lib/privacy/queries'
import { ConfirmIdentity, DeleteAccountForm } from './_components/delete-account-form'

export const metadata: Metadata = { title: 'Danger zone' }

export default async function DangerZonePage() {
  const { active } = await requireDashboardContext()
  if (!active || active.role !== 'owner') {
    return (
      <>
        <PageHeader title="Danger zone" />
        <EmptyState icon={TriangleAlert} title="Only the owner can delete the practice" description="Ask the practice owner if the account should be closed." />
      </>
    )
  }
  const [preview, fresh] = await Promise.all([getErasurePreview(active.practiceId), hasFreshSignIn()])
  const rows = Object.entries(preview.tables).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b))
  return (
    <>
      <PageHeader title="Danger zone" description={`Delete ${active.practiceName} and everything it holds. This cannot be undone.`} />
      <div className="max-w-xl space-y-6 rounded-lg border border-danger/40 p-6">
        <section aria-labelledby="destroyed-heading">
          <h2 id="destroyed-heading" className="font-semibold">What will be destroyed</h2>
          <ul className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm" data-test="danger-counts">
            {rows.map(([table, n]) => (
              <li key={table} className="flex justify-between">
                <span>{table.replaceAll('_', ' ')}</span>
                <span className="tabular-nums">{n}</span>
              </li>
            ))}
            <li className="flex justify-between"><span>files</span><span className="tabular-nums">{preview.files}</span></li>
            <li className="flex justify-between"><span>logins (used only here)</span><span className="tabular-nums">{preview.logins.length}</span></li>
          </ul>
          <p className="mt-3 text-sm text-muted-foreground">
            Clients with portal access ({preview.portal_emails.length}) are told their data is gone. You get a receipt by email.
          </p>
        </section>
        {fresh ? <DeleteAccountForm practiceName={active.practiceName} /> : <ConfirmIdentity />}
      </div>
    </>
  )
}
