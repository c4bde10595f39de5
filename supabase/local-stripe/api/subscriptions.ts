import { cancelNow, itemsOf, periodOf, runDue, type SubItem } from '../billing.ts'
import type { Ctx, Obj } from '../context.ts'
import { invalidParam, invalidRequest, noSuch } from '../errors.ts'
import { render, updateWithEvent } from '../events.ts'
import type { Params } from '../http.ts'
import { newId } from '../ids.ts'
import { allowOnly, bool, int, list, mergeMetadata, obj, oneOf, str } from '../params.ts'
import { paginate } from '../store.ts'
import { route, type Route } from './route.ts'

const STATUSES = ['active', 'all', 'canceled', 'ended', 'incomplete', 'incomplete_expired', 'past_due', 'paused', 'trialing', 'unpaid'] as const

function listSubscriptions(ctx: Ctx, p: Params) {
  allowOnly(p, ['customer', 'price', 'status', 'limit', 'starting_after', 'ending_before', 'created', 'expand'])
  const customer = str(p, 'customer')
  const price = str(p, 'price')
  const status = oneOf(p, 'status', STATUSES)
  const items = ctx.store.all('subscription').filter((s) => {
    const st = String(s.status)
    const statusOk = status === 'all' ? true : status === 'ended' ? st === 'canceled' || st === 'incomplete_expired' : status ? st === status : st !== 'canceled' && st !== 'incomplete_expired'
    return statusOk && (!customer || s.customer === customer) && (!price || itemsOf(s).some((i) => i.price === price))
  })
  return paginate(items.map((s) => render(ctx, s)), p, '/v1/subscriptions')
}

interface ItemChange {
  id?: string
  price?: string
  quantity?: number
  deleted?: boolean
}

function itemChanges(ctx: Ctx, sub: Obj, p: Params): ItemChange[] {
  return (list(p, 'items') ?? []).map((entry, i) => {
    const param = `items[${i}]`
    if (typeof entry !== 'object' || Array.isArray(entry)) throw invalidParam(param, 'Invalid object', 'none')
    allowOnly(entry, ['id', 'price', 'quantity', 'deleted', 'metadata'], param)
    const change: ItemChange = { id: str(entry, 'id', `${param}[id]`), price: str(entry, 'price', `${param}[price]`), quantity: int(entry, 'quantity', `${param}[quantity]`), deleted: bool(entry, 'deleted', `${param}[deleted]`) }
    if (change.id && !itemsOf(sub).some((it) => it.id === change.id)) throw noSuch(change.id, `${param}[id]`, 'subscription item')
    if (!change.id && !change.price) throw invalidParam(`${param}[price]`, 'Missing required param: price.', 'parameter_missing')
    if (change.price) {
      const price = ctx.store.get(change.price, 'price', `${param}[price]`)
      if (!price.active) throw invalidParam(`${param}[price]`, 'The price specified is inactive. This field only accepts active prices.', 'none')
      if (price.currency !== sub.currency) throw invalidParam(`${param}[price]`, `The price specified does not match the subscription's currency (${String(sub.currency)}).`, 'none')
    }
    if (change.quantity !== undefined && change.quantity < 0) throw invalidParam(`${param}[quantity]`, 'This value must be greater than or equal to 0.', 'none')
    return change
  })
}

function applyItems(ctx: Ctx, sub: Obj, changes: ItemChange[]) {
  const items = itemsOf(sub)
  const period = periodOf(sub)
  for (const c of changes) {
    const existing = c.id ? items.find((it) => it.id === c.id) : undefined
    if (existing && c.deleted) items.splice(items.indexOf(existing), 1)
    else if (existing) {
      if (c.price) existing.price = c.price
      if (c.quantity !== undefined) existing.quantity = c.quantity
    } else if (c.price) {
      const added: SubItem = {
        id: newId('si'), object: 'subscription_item', billing_thresholds: null, created: ctx.clock.now(), current_period_end: period.end,
        current_period_start: period.start, discounts: [], metadata: {}, price: c.price, quantity: c.quantity ?? 1, subscription: sub.id, tax_rates: [],
      }
      items.push(added)
    }
  }
  if (items.length === 0) throw invalidRequest('A subscription must have at least one active plan. To cancel a subscription, please use the cancel API endpoint on /v1/subscriptions.', 'items')
  const intervals = new Set(items.map((it) => JSON.stringify(ctx.store.get(it.price, 'price').recurring && { i: (ctx.store.get(it.price, 'price').recurring as { interval: string }).interval })))
  if (intervals.size > 1) throw invalidRequest('Currency and interval fields must match across all plans on this subscription.', 'items')
  ;(sub.items as { total_count: number }).total_count = items.length
}

/**
 * Updates (docs.stripe.com/api/subscriptions/update): items (price, quantity, add, delete),
 * cancel_at_period_end, cancel_at, metadata, description, default_payment_method, trial_end=now.
 * Plan and seat changes apply from the next invoice: the stand-in makes no prorations.
 */
function updateSubscription(ctx: Ctx, p: Params, [id]: string[]) {
  allowOnly(p, ['items', 'cancel_at_period_end', 'cancel_at', 'metadata', 'description', 'default_payment_method', 'proration_behavior', 'payment_behavior', 'trial_end', 'cancellation_details', 'expand'])
  const sub = ctx.store.get(id!, 'subscription')
  oneOf(p, 'proration_behavior', ['always_invoice', 'create_prorations', 'none'] as const)
  oneOf(p, 'payment_behavior', ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'] as const)
  const onlyNotes = Object.keys(p).every((k) => ['metadata', 'cancellation_details', 'expand'].includes(k))
  if (sub.status === 'canceled' && !onlyNotes) throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.')
  const changes = itemChanges(ctx, sub, p)
  const cancelAtPeriodEnd = bool(p, 'cancel_at_period_end')
  const cancelAtRaw = p.cancel_at
  const cancelAt = cancelAtRaw === '' ? null : int(p, 'cancel_at')
  const pm = str(p, 'default_payment_method')
  if (pm) {
    const found = ctx.store.get(pm, 'payment_method', 'default_payment_method')
    if (found.customer !== sub.customer) throw noSuch(pm, 'default_payment_method', 'PaymentMethod')
  }
  const trialEnd = str(p, 'trial_end')
  if (trialEnd !== undefined && trialEnd !== 'now') throw invalidParam('trial_end', 'The stand-in accepts trial_end=now only.', 'none')
  if (trialEnd === 'now' && sub.status !== 'trialing') throw invalidRequest('This subscription is not trialing.', 'trial_end')
  const details = obj(p, 'cancellation_details')
  if (details) allowOnly(details, ['comment', 'feedback'], 'cancellation_details')
  const metadata = mergeMetadata(sub.metadata as Record<string, string>, p)
  if (changes.length) applyItems(ctx, structuredClone(sub), changes)
  updateWithEvent(ctx, sub, 'customer.subscription.updated', () => {
    if (changes.length) applyItems(ctx, sub, changes)
    const now = ctx.clock.now()
    if (cancelAtPeriodEnd !== undefined) {
      sub.cancel_at_period_end = cancelAtPeriodEnd
      sub.cancel_at = cancelAtPeriodEnd ? periodOf(sub).end : null
      sub.canceled_at = cancelAtPeriodEnd ? now : null
    }
    if (cancelAt !== undefined) {
      sub.cancel_at = cancelAt
      sub.canceled_at = cancelAt === null ? null : now
      if (cancelAt === null) sub.cancel_at_period_end = false
    }
    if (p.description !== undefined) sub.description = str(p, 'description') || null
    if (pm !== undefined) sub.default_payment_method = pm || null
    if (details) sub.cancellation_details = { ...(sub.cancellation_details as object), comment: str(details, 'comment') ?? null, feedback: str(details, 'feedback') ?? null }
    sub.metadata = metadata
    if (trialEnd === 'now') {
      sub.trial_end = now
      for (const item of itemsOf(sub)) item.current_period_end = now
    }
  })
  if (trialEnd === 'now') runDue(ctx, ctx.clock.now())
  return render(ctx, sub)
}

/** Cancels at once (docs.stripe.com/api/subscriptions/cancel): status canceled, customer.subscription.deleted. */
function cancelSubscription(ctx: Ctx, p: Params, [id]: string[]) {
  allowOnly(p, ['invoice_now', 'prorate', 'cancellation_details', 'expand'])
  bool(p, 'invoice_now')
  bool(p, 'prorate')
  const sub = ctx.store.get(id!, 'subscription')
  if (sub.status === 'canceled') throw invalidRequest(`This subscription (${sub.id}) has already been canceled.`)
  const details = obj(p, 'cancellation_details')
  if (details) {
    allowOnly(details, ['comment', 'feedback'], 'cancellation_details')
    sub.cancellation_details = { ...(sub.cancellation_details as object), comment: str(details, 'comment') ?? null, feedback: str(details, 'feedback') ?? null }
  }
  cancelNow(ctx, sub, 'cancellation_requested')
  return render(ctx, sub)
}

export const subscriptionRoutes: Route[] = [
  route('GET', '/v1/subscriptions', listSubscriptions),
  route('GET', '/v1/subscriptions/:id', (ctx, _p, [id]) => render(ctx, ctx.store.get(id!, 'subscription'))),
  route('POST', '/v1/subscriptions/:id', updateSubscription),
  route('DELETE', '/v1/subscriptions/:id', cancelSubscription),
]
