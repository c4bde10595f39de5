import { CalendarDays } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { requirePortalUser } from '@/lib/auth/require-portal-user'

export const metadata: Metadata = { title: 'Appointments' }

export default async function PortalAppointmentsPage() {
  await requirePortalUser()
  return (
    <>
      <PageHeader title="Appointments" description="Your visits with your doula." />
      <EmptyState icon={CalendarDays} title="No appointments yet" description="When your doula books a visit with you, it appears here with the date, time and place, and you get a reminder by email." data-test="portal-appointments-empty" />
    </>
  )
}
