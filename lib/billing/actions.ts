'use server'
import { serverEnv } from '@/lib/env'
import type { Membership } from '@/lib/server/membership'
import { withFieldErrors } from '@/lib/server/field-errors'
import { practiceActionClient } from '@/lib/server/action-client'
import { createAdminClient } from '@/lib/supabase/admin'
import { StartCheckoutSchema } from './billing.schema'
import type { BillingActor } from './billing-owner'
import { openBillingPortal, startCheckout, type BillingDeps } from './checkout.service'
import { createStripeClient } from './stripe'

const actorOf = (ctx: { user: { id: string; email: string | null }; practice: Membership }): BillingActor => ({
  ...ctx.practice,
  userId: ctx.user.id,
  email: ctx.user.email,
})

const billingDeps = (): BillingDeps => ({
  admin: createAdminClient(),
  stripe: createStripeClient(),
  siteUrl: serverEnv().NEXT_PUBLIC_SITE_URL,
})

/** Opens Stripe Checkout for the chosen plan; the browser goes to the returned URL. */
export const startCheckoutAction = practiceActionClient
  .inputSchema(StartCheckoutSchema)
  .action(async ({ parsedInput, ctx }) => withFieldErrors(StartCheckoutSchema, () => startCheckout(billingDeps(), actorOf(ctx), parsedInput)))

/** Opens the Stripe customer portal for the practice's customer. */
export const openBillingPortalAction = practiceActionClient.action(async ({ ctx }) => openBillingPortal(billingDeps(), actorOf(ctx)))
