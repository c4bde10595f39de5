import { createInvoice, createSubscription, payInvoice } from './billing.ts'
import { DECLINE_MESSAGES, type CardCheck } from './cards.ts'
import type { Ctx, Obj } from './context.ts'
import { emit, render } from './events.ts'
import { newCustomer, newPaymentMethod } from './objects.ts'

export interface SessionSetup {
  lineItems: { id: string; price: string; quantity: number }[]
  trialDays?: number
  subscriptionMetadata: Record<string, string>
  description: string | null
  missingPaymentMethod: 'cancel' | 'pause' | 'create_invoice'
}

export const setupOf = (ctx: Ctx, session: Obj) => ctx.store.internal(session.id) as unknown as SessionSetup

/** A card is asked for unless the session lets a trial start without one (`payment_method_collection: 'if_required'`). */
export function needsCard(ctx: Ctx, session: Obj): boolean {
  return session.payment_method_collection !== 'if_required' || !setupOf(ctx, session).trialDays
}

/** Marks an open session whose `expires_at` has passed as expired (checkout.session.expired). */
export function expireIfDue(ctx: Ctx, session: Obj) {
  if (session.status !== 'open' || Number(session.expires_at) > ctx.clock.now()) return
  session.status = 'expired'
  session.url = null
  ctx.store.touch()
  emit(ctx, 'checkout.session.expired', session)
}

export type Completion = { ok: true; redirect: string } | { ok: false; field: 'email' | 'number' | 'expiry' | 'cvc' | 'form'; message: string }

/**
 * What the hosted page does when the customer submits: a customer (unless the session named one),
 * the card attached as a PaymentMethod, the subscription and its first invoice (paid, or $0 during
 * a trial), then `checkout.session.completed` and the redirect to `success_url`. A card that would be
 * declined now leaves nothing behind and is reported on the page, as Checkout does.
 */
export function completeCheckout(ctx: Ctx, session: Obj, input: { email?: string; name?: string; card?: CardCheck }): Completion {
  expireIfDue(ctx, session)
  if (session.status !== 'open') return { ok: false, field: 'form', message: 'This checkout session is no longer open.' }
  const setup = setupOf(ctx, session)
  const card = input.card
  if (card && !card.ok) return { ok: false, field: card.field, message: card.message }
  if (!card && needsCard(ctx, session)) return { ok: false, field: 'number', message: 'Your card number is incomplete.' }
  if (card?.ok) {
    const b = card.card.behaviour
    if (b === 'declined' || (b === 'fails_on_charge' && !setup.trialDays)) {
      return { ok: false, field: 'number', message: DECLINE_MESSAGES[card.card.declineCode ?? 'generic_decline'] ?? 'Your card was declined.' }
    }
  }
  const email = (typeof session.customer === 'string' ? null : (session.customer_email as string | null)) ?? input.email?.trim() ?? ''
  let customer: Obj
  if (typeof session.customer === 'string') customer = ctx.store.get(session.customer, 'customer')
  else {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return { ok: false, field: 'email', message: 'Your email address is invalid.' }
    customer = ctx.store.insert(newCustomer(ctx, { email, name: input.name?.trim() || null, description: null, phone: null, metadata: {} }))
    emit(ctx, 'customer.created', customer)
  }
  let pmId: string | null = null
  if (card?.ok) {
    const pm = ctx.store.insert(newPaymentMethod(ctx, customer.id, card, input.name?.trim() || null, (customer.email as string | null) ?? null))
    pmId = pm.id
    emit(ctx, 'payment_method.attached', pm)
  }
  const sub = createSubscription(ctx, {
    customer: customer.id,
    items: setup.lineItems.map((li) => ({ price: li.price, quantity: li.quantity })),
    trialDays: setup.trialDays,
    metadata: setup.subscriptionMetadata,
    description: setup.description,
    missingPaymentMethod: setup.missingPaymentMethod,
  })
  sub.default_payment_method = pmId
  if (!setup.trialDays) sub.status = 'active'
  emit(ctx, 'customer.subscription.created', sub)
  const invoice = createInvoice(ctx, sub, 'subscription_create', Boolean(setup.trialDays))
  payInvoice(ctx, invoice, { paymentMethod: pmId, onSession: true })
  if (setup.trialDays && sub.trial_end && Number(sub.trial_end) - 3 * 86400 <= ctx.clock.now()) {
    ctx.store.internal(sub.id).trialWillEndSent = true
    emit(ctx, 'customer.subscription.trial_will_end', sub)
  }
  Object.assign(session, {
    status: 'complete',
    payment_status: setup.trialDays ? 'no_payment_required' : 'paid',
    customer: customer.id,
    subscription: sub.id,
    url: null,
    customer_details: {
      address: null,
      business_name: null,
      email: customer.email,
      individual_name: null,
      name: input.name?.trim() || customer.name || null,
      phone: null,
      tax_exempt: 'none',
      tax_ids: [],
    },
  })
  ctx.store.touch()
  emit(ctx, 'checkout.session.completed', session)
  return { ok: true, redirect: String(session.success_url).replaceAll('{CHECKOUT_SESSION_ID}', session.id) }
}

export function renderSession(ctx: Ctx, session: Obj) {
  expireIfDue(ctx, session)
  return render(ctx, session)
}
