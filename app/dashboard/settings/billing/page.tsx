import { CreditCard } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { Badge } from '@/components/ui/badge'
import { EmptyState } from '@/components/ui/empty-state'
import { isLiveSubscription, STATUS_LABELS, type SubscriptionStatus } from '@/lib/billing/entitlement'
import { formatAmount, PLANS, type PlanId } from '@/lib/billing/plans'
import { getBillingOverview, listRecentInvoices, type BillingOverview, type InvoiceSummary } from '@/lib/billing/queries'
import { createStripeClient } from '@/lib/billing/stripe'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { PlanPicker } from './_components/plan-picker'
import { PortalButton } from './_components/portal-button'

export const metadata: Metadata = { title: 'Billing' }

const STATUS_TONES: Record<SubscriptionStatus, 'success' | 'calm' | 'accent' | 'neutral'> = {
  trialing: 'calm',
  active: 'success',
  past_due: 'accent',
  incomplete: 'accent',
  unpaid: 'accent',
  canceled: 'neutral',
  incomplete_expired: 'neutral',
  paused: 'neutral',
}

async function invoicesOf(customerId: string | null): Promise<InvoiceSummary[] | 'unavailable'> {
  if (!customerId) return []
  try {
    return await listRecentInvoices(createStripeClient(), customerId)
  } catch (error) {
    console.error('[billing] listing invoices', error)
    return 'unavailable'
  }
}

export default async function BillingPage() {
  const { db, active } = await requireDashboardContext()
  if (!active || active.role !== 'owner') {
    return (
      <>
        <PageHeader title="Billing" />
        <EmptyState icon={CreditCard} title="Only the owner manages billing" description="Ask your practice owner about the plan, seats or invoices." data-test="billing-owner-only" />
      </>
    )
  }
  const [overview, members] = await Promise.all([
    getBillingOverview(db, active.practiceId),
    db.from('practice_members').select('id', { count: 'exact', head: true }).eq('practice_id', active.practiceId),
  ])
  const invoices = await invoicesOf(overview.customerId)
  const subscription = overview.subscription
  const live = subscription !== null && isLiveSubscription(subscription.status)
  const zone = active.settings.timeZone
  return (
    <>
      <PageHeader title="Billing" description="Your plan, its status and your invoices. Payments are handled by Stripe." />
      <div className="space-y-10">
        {subscription ? <PlanSummary subscription={subscription} timeZone={zone} hasCustomer={overview.customerId !== null} /> : null}
        {live ? null : (
          <section aria-labelledby="choose-heading" className="rounded-xl border border-border bg-card p-5 shadow-card sm:p-6">
            <h2 id="choose-heading" className="text-lg font-semibold">{subscription ? 'Resubscribe' : 'Choose a plan'}</h2>
            <p className="mt-1 mb-5 text-sm text-muted-foreground">
              {subscription
                ? 'Pick a plan to make your practice writable again. Everything it holds is still here.'
                : 'Every plan includes clients, calendar, portal, documents, export and the audit log.'}
            </p>
            <PlanPicker trial={subscription === null} members={members.count ?? 1} />
          </section>
        )}
        {overview.customerId ? <Invoices invoices={invoices} timeZone={zone} /> : null}
      </div>
    </>
  )
}

function formatDate(iso: string | null, timeZone: string): string | null {
  return iso ? new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone }).format(new Date(iso)) : null
}

function PlanSummary({ subscription: s, timeZone, hasCustomer }: { subscription: NonNullable<BillingOverview['subscription']>; timeZone: string; hasCustomer: boolean }) {
  const plan = s.plan && s.plan in PLANS ? PLANS[s.plan as PlanId] : null
  const interval = s.interval === 'year' ? 'yearly' : s.interval === 'month' ? 'monthly' : null
  const live = isLiveSubscription(s.status)
  const ends = s.cancelAt ?? (s.cancelAtPeriodEnd ? s.currentPeriodEnd : null)
  const details: [string, string][] = [
    ['Plan', plan ? `${plan.name}${interval ? `, billed ${interval}` : ''}` : 'Custom plan'],
    ['Seats', String(s.seats)],
  ]
  if (s.status === 'trialing' && s.trialEnd) details.push(['Trial ends', formatDate(s.trialEnd, timeZone)!])
  if (live && !ends && s.currentPeriodEnd) {
    details.push(['Next invoice', `${formatDate(s.currentPeriodEnd, timeZone)}${s.amount !== null ? `, ${formatAmount(s.amount, s.currency ?? undefined)}` : ''}`])
  }
  if (live && ends) details.push(['Ends', formatDate(ends, timeZone)!])
  if (!live && s.endedAt) details.push(['Ended', formatDate(s.endedAt, timeZone)!])
  // The erasure date is said in UTC everywhere (banner, emails, here), so the owner reads one day.
  if (!live && s.eraseAfter) details.push(['Data deleted on', formatDate(s.eraseAfter, 'UTC')!])
  return (
    <section aria-labelledby="plan-heading" className="rounded-xl border border-border bg-card p-5 shadow-card sm:p-6" data-test="billing-summary">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="plan-heading" className="text-lg font-semibold">Your subscription</h2>
        <Badge tone={STATUS_TONES[s.status]} data-test="billing-status">{STATUS_LABELS[s.status]}</Badge>
      </div>
      {s.status === 'past_due' || s.status === 'unpaid' ? (
        <p className="mt-3 text-sm text-danger">The last payment did not go through. Update your card in Manage billing to settle it.</p>
      ) : null}
      {!live ? (
        <p className="mt-3 text-sm text-muted-foreground">
          Your practice is read-only: everyone can still read, export and delete, but nothing can be added or changed.
          {s.eraseAfter
            ? ` Unless you resubscribe, your practice and all its data will be permanently deleted on ${formatDate(s.eraseAfter, 'UTC')}.`
            : null}
        </p>
      ) : null}
      <dl className="mt-5 grid gap-4 sm:grid-cols-2">
        {details.map(([term, value]) => (
          <div key={term}>
            <dt className="text-sm text-muted-foreground">{term}</dt>
            <dd className="mt-0.5 font-medium" data-test={`billing-${term.toLowerCase().replaceAll(' ', '-')}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {hasCustomer && live ? (
        <div className="mt-6">
          <PortalButton />
          <p className="mt-2 text-sm text-muted-foreground">Change your card, plan or seats, see every invoice, or cancel.</p>
        </div>
      ) : null}
    </section>
  )
}

function Invoices({ invoices, timeZone }: { invoices: InvoiceSummary[] | 'unavailable'; timeZone: string }) {
  return (
    <section aria-labelledby="invoices-heading">
      <h2 id="invoices-heading" className="text-lg font-semibold">Invoices</h2>
      {invoices === 'unavailable' ? (
        <p className="mt-2 text-sm text-muted-foreground">Your invoices cannot be loaded from Stripe right now. Please try again in a moment.</p>
      ) : invoices.length === 0 ? (
        <p className="mt-2 text-sm text-muted-foreground">No invoices yet.</p>
      ) : (
        <ul className="mt-3 divide-y divide-border rounded-xl border border-border bg-card" data-test="billing-invoices">
          {invoices.map((invoice) => (
            <li key={invoice.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm">
              <span className="min-w-32 font-medium">{formatDate(invoice.created, timeZone)}</span>
              <span className="tabular-nums">{formatAmount(invoice.amount, invoice.currency)}</span>
              <span className="text-muted-foreground">{invoice.status === 'paid' ? 'Paid' : invoice.status === 'open' ? 'Due' : (invoice.status ?? '')}</span>
              {invoice.url ? (
                <a href={invoice.url} className="ml-auto inline-flex min-h-11 items-center font-medium text-primary underline-offset-4 hover:underline">
                  View invoice<span className="sr-only"> {invoice.number ?? ''}</span>
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
