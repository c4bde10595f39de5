import { Settings } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { requireDashboardContext } from '@/lib/practice/active-practice'

export const metadata: Metadata = { title: 'Settings' }

export default async function SettingsPage() {
  await requireDashboardContext()
  return (
    <>
      <PageHeader title="Settings" description="Your practice details, on-call defaults, billing and data." />
      <EmptyState icon={Settings} title="Practice settings" description="Set your time zone and on-call window here, export everything your practice holds, or close the account." data-test="settings-empty" />
      <nav aria-label="Settings sections" className="mt-6 flex flex-wrap gap-4 text-sm font-medium">
        <Link href="/dashboard/settings/data" className="text-primary underline-offset-4 hover:underline">Data &amp; privacy</Link>
        <Link href="/dashboard/settings/audit" className="text-primary underline-offset-4 hover:underline">Audit log</Link>
        <Link href="/dashboard/settings/danger" className="text-danger underline-offset-4 hover:underline">Danger zone</Link>
      </nav>
    </>
  )
}
