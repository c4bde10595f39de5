import { CircleCheck, LoaderCircle } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { PageHeader } from '@/components/page-header'
import { buttonVariants } from '@/components/ui/button-variants'
import { CheckoutReturnSchema } from '@/lib/billing/billing.schema'
import { checkoutResult } from '@/lib/billing/checkout.service'
import { STATUS_LABELS, isSubscriptionStatus } from '@/lib/billing/entitlement'
import { createStripeClient } from '@/lib/billing/stripe'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { createAdminClient } from '@/lib/supabase/admin'
import { KeepChecking } from './_components/keep-checking'

export const metadata: Metadata = { title: 'Confirming your subscription' }

const BILLING = '/dashboard/settings/billing'

/**
 * Where Stripe Checkout sends the owner back. The redirect proves nothing: the page says
 * "confirming" until the verified webhook has stored the subscription this checkout created.
 */
export default async function CheckoutReturnPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { active, user } = await requireDashboardContext()
  const query = CheckoutReturnSchema.safeParse(await searchParams)
  if (!active || active.role !== 'owner' || !query.success) redirect(BILLING)
  const result = await checkoutResult(
    { admin: createAdminClient(), stripe: createStripeClient() },
    { ...active, userId: user.id, email: user.email },
    query.data.session_id,
  )
  const status = result.status && isSubscriptionStatus(result.status) ? result.status : null
  return (
    <>
      <PageHeader title="Billing" />
      <section aria-live="polite" className="max-w-xl rounded-xl border border-border bg-card p-6 shadow-card">
        {result.confirmed ? (
          <div data-test="checkout-confirmed">
            <h2 className="flex items-center gap-2 text-lg font-semibold">
              <CircleCheck aria-hidden className="size-5 text-success" />
              {status === 'trialing' ? 'Your free trial has started' : 'Your subscription is active'}
            </h2>
            <p className="mt-2 text-muted-foreground">
              Stripe confirmed it{status ? ` (status: ${STATUS_LABELS[status]})` : ''}. Thank you for choosing DoulaOS.
            </p>
            <Link href={BILLING} className={buttonVariants({ className: 'mt-5' })} data-test="checkout-back">
              See your plan
            </Link>
          </div>
        ) : (
          <div data-test="checkout-confirming">
            <h2 className="flex items-center gap-2 text-lg font-semibold">
              <LoaderCircle aria-hidden className="size-5 animate-spin motion-reduce:animate-none" />
              Confirming your subscription…
            </h2>
            <p className="mt-2 text-muted-foreground">
              We are waiting for Stripe to confirm your checkout. This page updates by itself, usually within seconds.
            </p>
            <KeepChecking />
          </div>
        )}
      </section>
    </>
  )
}
