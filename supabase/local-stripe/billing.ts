import { TEST_CARDS } from './cards.ts'
import type { Ctx, Obj } from './context.ts'
import { emit, render, updateWithEvent } from './events.ts'
import { newId } from './ids.ts'
import { listOf } from './objects.ts'

const DAY = 86400
type Interval = 'day' | 'week' | 'month' | 'year'

/** The end of one billing interval from `start`, on the calendar (UTC), as Stripe bills: Jan 31 + 1 month = Feb 28/29. */
export function addInterval(start: number, interval: Interval, count: number): number {
  if (interval === 'day') return start + count * DAY
  if (interval === 'week') return start + count * 7 * DAY
  const d = new Date(start * 1000)
  const months = interval === 'month' ? count : count * 12
  const day = d.getUTCDate()
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return Math.floor(target.getTime() / 1000)
}

export interface SubItem extends Obj {
  price: string
  quantity: number
  current_period_start: number
  current_period_end: number
}

export const itemsOf = (sub: Obj) => (sub.items as { data: SubItem[] }).data
const priceOf = (ctx: Ctx, item: SubItem) => ctx.store.get(item.price, 'price')
const recurringOf = (price: Obj) => price.recurring as { interval: Interval; interval_count: number }

/** The subscription's current period (every item shares it: one billing cycle per subscription). */
export function periodOf(sub: Obj): { start: number; end: number } {
  const first = itemsOf(sub)[0]!
  return { start: first.current_period_start, end: first.current_period_end }
}

function setPeriod(ctx: Ctx, sub: Obj, start: number) {
  for (const item of itemsOf(sub)) {
    const r = recurringOf(priceOf(ctx, item))
    item.current_period_start = start
    item.current_period_end = addInterval(start, r.interval, r.interval_count)
  }
}

export function defaultPaymentMethod(ctx: Ctx, sub: Obj): string | null {
  if (typeof sub.default_payment_method === 'string') return sub.default_payment_method
  const customer = ctx.store.find(String(sub.customer))
  const settings = customer?.invoice_settings as { default_payment_method: string | null } | undefined
  return settings?.default_payment_method ?? null
}

export interface NewSubscription {
  customer: string
  items: { price: string; quantity: number }[]
  trialDays?: number
  metadata: Record<string, string>
  description: string | null
  missingPaymentMethod: 'cancel' | 'pause' | 'create_invoice'
}

/** Creates a subscription that starts now (trialing, or active once its first invoice is paid by the caller). */
export function createSubscription(ctx: Ctx, s: NewSubscription): Obj {
  const now = ctx.clock.now()
  const id = newId('sub')
  const trialEnd = s.trialDays ? now + s.trialDays * DAY : null
  const items: SubItem[] = s.items.map((i) => ({
    id: newId('si'),
    object: 'subscription_item',
    billing_thresholds: null,
    created: now,
    current_period_end: 0,
    current_period_start: now,
    discounts: [],
    metadata: {},
    price: i.price,
    quantity: i.quantity,
    subscription: id,
    tax_rates: [],
  }))
  const first = ctx.store.get(s.items[0]!.price, 'price')
  const sub: Obj = {
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: trialEnd ?? now,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: 'charge_automatically',
    created: now,
    currency: first.currency,
    customer: s.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: s.description,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, issuer: { type: 'self' } },
    items: { ...listOf(items, `/v1/subscription_items?subscription=${id}`) },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: s.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: trialEnd ? 'trialing' : 'incomplete',
    test_clock: null,
    transfer_data: null,
    trial_end: trialEnd,
    trial_settings: { end_behavior: { missing_payment_method: s.missingPaymentMethod } },
    trial_start: trialEnd ? now : null,
  }
  if (trialEnd) for (const item of items) item.current_period_end = trialEnd
  else setPeriod(ctx, sub, now)
  return ctx.store.insert(sub)
}

/** An invoice for the subscription's current period, finalized (status `open`); emits invoice.created and invoice.finalized. */
export function createInvoice(ctx: Ctx, sub: Obj, billingReason: 'subscription_create' | 'subscription_cycle', free: boolean): Obj {
  const now = ctx.clock.now()
  const customer = ctx.store.get(String(sub.customer), 'customer')
  const period = periodOf(sub)
  const id = newId('in')
  const lines = itemsOf(sub).map((item) => {
    const price = priceOf(ctx, item)
    const product = ctx.store.find(String(price.product))
    const amount = free ? 0 : Number(price.unit_amount) * item.quantity
    return {
      id: newId('il'),
      object: 'line_item',
      amount,
      currency: price.currency,
      description: `${free ? 'Trial period for ' : ''}${item.quantity} × ${String(product?.name ?? price.id)}`,
      discount_amounts: [],
      discountable: true,
      discounts: [],
      invoice: id,
      livemode: false,
      metadata: {},
      parent: {
        type: 'subscription_item_details',
        invoice_item_details: null,
        subscription_item_details: { invoice_item: null, proration: false, proration_details: { credited_items: null }, subscription: sub.id, subscription_item: item.id },
      },
      period: { start: period.start, end: period.end },
      pretax_credit_amounts: [],
      pricing: { price_details: { price: price.id, product: price.product }, type: 'price_details', unit_amount_decimal: free ? '0' : String(price.unit_amount) },
      quantity: item.quantity,
      quantity_decimal: String(item.quantity),
      subtotal: amount,
      taxes: [],
    }
  })
  const total = lines.reduce((sum, l) => sum + l.amount, 0)
  const sequence = Number(customer.next_invoice_sequence ?? 1)
  customer.next_invoice_sequence = sequence + 1
  const invoice: Obj = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'DoulaOS (local Stripe stand-in)',
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: billingReason,
    collection_method: 'charge_automatically',
    created: now,
    currency: sub.currency,
    custom_fields: null,
    customer: customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: customer.email,
    customer_name: customer.name,
    customer_phone: customer.phone,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: now,
    ending_balance: 0,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: `${ctx.baseUrl}/i/${id}`,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: listOf(lines, `/v1/invoices/${id}/lines`),
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: `${String(customer.invoice_prefix)}-${String(sequence).padStart(4, '0')}`,
    on_behalf_of: null,
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { metadata: sub.metadata, subscription: sub.id },
    },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: billingReason === 'subscription_create' ? now : period.start,
    period_start: billingReason === 'subscription_create' ? now : period.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'open',
    status_transitions: { finalized_at: now, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: now,
  }
  ctx.store.insert(invoice)
  sub.latest_invoice = id
  emit(ctx, 'invoice.created', { ...invoice, status: 'draft', status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null } })
  emit(ctx, 'invoice.finalized', invoice)
  return invoice
}

export type PaymentResult = { outcome: 'paid' } | { outcome: 'failed' | 'action_required'; message: string; code: string }

/**
 * Charges an open invoice with the card on file (or `cardNumber`, from a page the customer is on).
 * Paid: invoice.paid and invoice.payment_succeeded. Declined: invoice.payment_failed, and the next
 * attempt scheduled by `retryDays`. Authentication needed off-session: invoice.payment_action_required.
 */
export function payInvoice(ctx: Ctx, invoice: Obj, opts: { paymentMethod?: string | null; onSession?: boolean } = {}): PaymentResult {
  const now = ctx.clock.now()
  const before = render(ctx, invoice)
  const sub = ctx.store.find(String((invoice.parent as { subscription_details?: { subscription: string } }).subscription_details?.subscription))
  const pm = opts.paymentMethod ?? (sub ? defaultPaymentMethod(ctx, sub) : null)
  let result: PaymentResult
  if (Number(invoice.amount_due) === 0) result = { outcome: 'paid' }
  else if (!pm) result = { outcome: 'failed', code: 'no_payment_method', message: 'There is no payment method on file.' }
  else {
    const card = TEST_CARDS[String(ctx.store.internal(pm).cardNumber)]
    const behaviour = card?.behaviour ?? 'declined'
    if (behaviour === 'succeeds' || (behaviour === 'requires_action' && opts.onSession)) result = { outcome: 'paid' }
    else if (behaviour === 'requires_action') result = { outcome: 'action_required', code: 'authentication_required', message: 'This payment needs the customer to authenticate it.' }
    else {
      const code = card?.declineCode ?? 'generic_decline'
      result = { outcome: 'failed', code, message: code === 'insufficient_funds' ? 'Your card has insufficient funds.' : 'Your card was declined.' }
    }
  }
  if (Number(invoice.amount_due) > 0) {
    invoice.attempted = true
    invoice.attempt_count = Number(invoice.attempt_count) + 1
  }
  const internal = ctx.store.internal(invoice.id)
  if (result.outcome === 'paid') {
    Object.assign(invoice, { status: 'paid', amount_paid: invoice.amount_due, amount_remaining: 0, next_payment_attempt: null })
    ;(invoice.status_transitions as Record<string, unknown>).paid_at = now
    if (pm) invoice.default_payment_method = pm
    delete internal.lastError
    ctx.store.touch()
    emit(ctx, 'invoice.paid', invoice, before)
    emit(ctx, 'invoice.payment_succeeded', invoice, before)
    return result
  }
  internal.lastError = result.message
  const retry = result.outcome === 'failed' ? ctx.retryDays[Number(invoice.attempt_count) - 1] : undefined
  invoice.next_payment_attempt = retry === undefined ? null : now + retry * DAY
  ctx.store.touch()
  emit(ctx, result.outcome === 'failed' ? 'invoice.payment_failed' : 'invoice.payment_action_required', invoice, before)
  return result
}

export function cancelNow(ctx: Ctx, sub: Obj, reason: 'cancellation_requested' | 'payment_failed' | 'payment_disputed' | null) {
  const now = ctx.clock.now()
  const before = render(ctx, sub)
  sub.status = 'canceled'
  sub.canceled_at ??= now
  sub.ended_at = now
  sub.cancel_at_period_end = false
  sub.cancellation_details = { ...(sub.cancellation_details as object), reason }
  ctx.store.touch()
  emit(ctx, 'customer.subscription.deleted', sub, before)
}

/** The subscription's status after its latest invoice's payment outcome. */
function settleStatus(ctx: Ctx, sub: Obj, result: PaymentResult, invoice: Obj) {
  if (result.outcome === 'paid') sub.status = 'active'
  else if (invoice.next_payment_attempt === null && result.outcome === 'failed') sub.status = ctx.exhaustedRetries === 'canceled' ? 'canceled' : ctx.exhaustedRetries
  else sub.status = 'past_due'
}

/** The period ends: cancel if asked to, otherwise start the next period and charge for it. */
function renew(ctx: Ctx, sub: Obj) {
  const end = periodOf(sub).end
  if (sub.cancel_at_period_end === true || (typeof sub.cancel_at === 'number' && sub.cancel_at <= end)) {
    cancelNow(ctx, sub, 'cancellation_requested')
    return
  }
  const wasTrial = sub.status === 'trialing'
  if (wasTrial && !defaultPaymentMethod(ctx, sub)) {
    const behaviour = (sub.trial_settings as { end_behavior: { missing_payment_method: string } }).end_behavior.missing_payment_method
    if (behaviour === 'cancel') return cancelNow(ctx, sub, null)
    if (behaviour === 'pause') {
      updateWithEvent(ctx, sub, 'customer.subscription.updated', () => (sub.status = 'paused'))
      emit(ctx, 'customer.subscription.paused', sub)
      return
    }
  }
  const before = render(ctx, sub)
  setPeriod(ctx, sub, end)
  const invoice = createInvoice(ctx, sub, 'subscription_cycle', false)
  const result = payInvoice(ctx, invoice)
  settleStatus(ctx, sub, result, invoice)
  ctx.store.touch()
  emit(ctx, 'customer.subscription.updated', sub, before)
  if (sub.status === 'canceled') {
    sub.status = 'active'
    cancelNow(ctx, sub, 'payment_failed')
  }
}

/** A scheduled retry of an unpaid invoice. */
function retry(ctx: Ctx, invoice: Obj) {
  const sub = ctx.store.find(String((invoice.parent as { subscription_details: { subscription: string } }).subscription_details.subscription))
  if (!sub || sub.status === 'canceled') {
    invoice.next_payment_attempt = null
    ctx.store.touch()
    return
  }
  const result = payInvoice(ctx, invoice)
  if (sub.latest_invoice !== invoice.id) return
  const before = render(ctx, sub)
  settleStatus(ctx, sub, result, invoice)
  if (sub.status === 'canceled') {
    sub.status = before.status
    cancelNow(ctx, sub, 'payment_failed')
    return
  }
  ctx.store.touch()
  if (sub.status !== before.status) emit(ctx, 'customer.subscription.updated', sub, before)
}

/** After a customer pays an open invoice herself (new card, hosted invoice page), its subscription recovers. */
export function recoverAfterPayment(ctx: Ctx, invoice: Obj) {
  const sub = ctx.store.find(String((invoice.parent as { subscription_details: { subscription: string } }).subscription_details.subscription))
  if (!sub || sub.latest_invoice !== invoice.id || !['past_due', 'unpaid', 'incomplete'].includes(String(sub.status))) return
  updateWithEvent(ctx, sub, 'customer.subscription.updated', () => (sub.status = 'active'))
}

interface Due {
  at: number
  run: () => void
}

/** Everything scheduled at or before `until`: trial reminders, trial ends, renewals, cancellations, payment retries. */
function dueWork(ctx: Ctx, until: number): Due[] {
  const due: Due[] = []
  for (const sub of ctx.store.all('subscription')) {
    const status = String(sub.status)
    if (status === 'trialing' && typeof sub.trial_end === 'number') {
      const internal = ctx.store.state.internal[sub.id] ?? {}
      const remind = sub.trial_end - 3 * DAY
      if (!internal.trialWillEndSent && remind <= until) {
        due.push({
          at: Math.max(remind, Number(sub.created)),
          run: () => {
            ctx.store.internal(sub.id).trialWillEndSent = true
            emit(ctx, 'customer.subscription.trial_will_end', sub)
          },
        })
      }
    }
    if (['trialing', 'active', 'past_due'].includes(status)) {
      const end = typeof sub.cancel_at === 'number' ? Math.min(sub.cancel_at, periodOf(sub).end) : periodOf(sub).end
      if (end <= until) due.push({ at: end, run: () => (sub.cancel_at === end && end < periodOf(sub).end ? cancelNow(ctx, sub, 'cancellation_requested') : renew(ctx, sub)) })
    }
  }
  for (const invoice of ctx.store.all('invoice')) {
    if (invoice.status === 'open' && typeof invoice.next_payment_attempt === 'number' && invoice.next_payment_attempt <= until) {
      due.push({ at: invoice.next_payment_attempt, run: () => retry(ctx, invoice) })
    }
  }
  return due
}

/**
 * Runs what is due up to `until` in time order, moving the clock to each moment as it goes, so
 * events carry the time they happened at; then leaves the clock at `until` (or now, if later).
 */
export function runDue(ctx: Ctx, until: number): number {
  let ran = 0
  for (let guard = 0; guard < 10_000; guard++) {
    const next = dueWork(ctx, until).sort((a, b) => a.at - b.at)[0]
    if (!next) break
    ctx.clock.set(next.at)
    next.run()
    ran++
  }
  ctx.clock.set(until)
  return ran
}
