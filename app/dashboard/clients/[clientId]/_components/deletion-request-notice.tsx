import { TriangleAlert } from 'lucide-react'
import Link from 'next/link'

const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' })

/**
 * For the client page: her open "delete my data" request (members read it under RLS). The erase
 * control sits at the foot of her Overview, for owners and admins only: the notice says where, or
 * whom to ask.
 */
export function DeletionRequestNotice({ clientId, requestedAt, canErase }: { clientId: string; requestedAt: string; canErase: boolean }) {
  return (
    <div role="status" className="flex items-start gap-2 rounded-md bg-danger-soft px-3 py-2.5 text-sm text-danger" data-test="deletion-request-notice">
      <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p>
        She asked the practice to delete her data on {when.format(new Date(requestedAt))}.{' '}
        {canErase ? (
          <>
            Contact her, then{' '}
            <Link href={`/dashboard/clients/${clientId}?tab=overview#delete-client`} className="font-medium underline underline-offset-4" data-test="deletion-request-link">
              delete her data
            </Link>{' '}
            at the foot of her Overview.
          </>
        ) : (
          'Contact her, and ask the practice owner or an admin to delete her data (at the foot of her Overview).'
        )}
      </p>
    </div>
  )
}
