import { UserRound } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { requirePortalContext } from '@/lib/portal/context'

export const metadata: Metadata = { title: 'Profile' }

export default async function PortalProfilePage() {
  await requirePortalContext()
  return (
    <>
      <PageHeader title="Profile" description="How your doula can reach you." />
      <EmptyState icon={UserRound} title="Your details" description="Your doula keeps your contact details. If your phone number or address changes, send her a message so she can update them." data-test="portal-profile-empty" />
    </>
  )
}
