import { CalendarDays } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { requireDashboardContext } from '@/lib/practice/active-practice'

export const metadata: Metadata = { title: 'Calendar' }

export default async function CalendarPage() {
  await requireDashboardContext()
  return (
    <>
      <PageHeader title="Calendar" description="Prenatal visits, births and postpartum care in one view." />
      <EmptyState icon={CalendarDays} title="Your calendar is clear" description="Appointments you book for your clients appear here, and clients get a reminder before each one." data-test="calendar-empty" />
    </>
  )
}
