import { Settings } from 'lucide-react'
import type { Metadata } from 'next'
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
    </>
  )
}
