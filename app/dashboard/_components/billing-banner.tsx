import Link from 'next/link'
import { READ_ONLY_REASON } from '@/lib/billing/write-refusals'
import { getBillingAccess, getErasureDate } from '@/lib/billing/queries'
import type { PracticeRole } from '@/lib/practice/practice.schema'
import type { Db } from '@/lib/server/db'

const BILLING = '/dashboard/settings/billing'

/** Past due: a warning while everything still works. Read-only: why writes are refused. */
export async function BillingBanner({ db, practiceId, role }: { db: Db; practiceId: string; role: PracticeRole }) {
  // A banner never takes the dashboard down with it: without the status, it is left out.
  const access = await getBillingAccess(db, practiceId).catch((error: unknown) => {
    console.error('[billing banner]', error)
    return null
  })
  const entitlement = access?.entitlement
  if (!entitlement || entitlement.banner === 'none') return null
  const owner = role === 'owner'
  const pastDue = entitlement.banner === 'past_due'
  const eraseOn = owner && !pastDue ? await getErasureDate(db, practiceId).catch(() => null) : null
  return (
    <div
      role="status"
      className={pastDue ? 'mb-6 rounded-lg bg-accent px-4 py-3 text-sm text-accent-foreground' : 'mb-6 rounded-lg bg-danger-soft px-4 py-3 text-sm text-danger'}
      data-test={pastDue ? 'billing-banner-past-due' : 'billing-banner-read-only'}
    >
      <p className="font-medium">
        {pastDue ? 'The last payment for this practice did not go through.' : READ_ONLY_REASON}
      </p>
      {eraseOn ? (
        <p className="mt-1" data-test="billing-banner-erasure-date">
          Unless you resubscribe, the practice and all its data will be permanently deleted on{' '}
          {new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(eraseOn))}.
        </p>
      ) : null}
      <p className="mt-1">
        {owner ? (
          <Link href={BILLING} className="font-medium underline underline-offset-4">
            {pastDue ? 'Update your card' : 'Resubscribe'}
          </Link>
        ) : pastDue ? (
          'Everything keeps working for now; the practice owner has been told.'
        ) : (
          'The practice owner can resubscribe to make it writable again.'
        )}
      </p>
    </div>
  )
}
