import { API_VERSION, type Ctx, type Obj } from './context.ts'
import { newId } from './ids.ts'
import { clone, planOf } from './objects.ts'

/**
 * An object as the API shows it now: a subscription's items carry their current Price (and the
 * legacy Plan derived from it); a webhook endpoint's secret is shown only when it is created.
 */
export function render(ctx: Ctx, stored: Obj): Obj {
  const out = clone(stored)
  if (out.object === 'subscription') {
    const items = out.items as { data: Obj[] }
    for (const item of items.data) {
      const price = ctx.store.find(String(item.price))
      if (price) {
        item.price = clone(price)
        item.plan = planOf(price)
      }
    }
  }
  if (out.object === 'webhook_endpoint') delete out.secret
  return out
}

/** `data.previous_attributes`: the earlier value of every top-level field that changed. */
export function previousAttributes(before: Obj, after: Obj): Record<string, unknown> {
  const prev: Record<string, unknown> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) prev[key] = before[key] ?? null
  }
  return prev
}

/**
 * Records an event (Stripe's Event object: `evt_` id, `type`, `data.object` as it was at that
 * moment, `data.previous_attributes` on updates, `created` from the stand-in clock, `request`
 * naming the API request that caused it or null for automatic ones) and queues its webhooks.
 */
export function emit(ctx: Ctx, type: string, object: Obj, before?: Obj): Obj {
  const now = render(ctx, object)
  const data: Record<string, unknown> = { object: now }
  if (before) data.previous_attributes = previousAttributes(before, now)
  const event: Obj = {
    id: newId('evt'),
    object: 'event',
    api_version: API_VERSION,
    created: ctx.clock.now(),
    data,
    livemode: false,
    pending_webhooks: 0,
    request: ctx.request ?? { id: null, idempotency_key: null },
    type,
  }
  ctx.store.insert(event)
  ctx.webhooks.enqueue(event)
  return event
}

/** Applies `change` to a stored object and emits `<type>` with previous_attributes if anything changed. */
export function updateWithEvent(ctx: Ctx, obj: Obj, type: string, change: () => void): boolean {
  const before = render(ctx, obj)
  change()
  ctx.store.touch()
  const changed = Object.keys(previousAttributes(before, render(ctx, obj))).length > 0
  if (changed) emit(ctx, type, obj, before)
  return changed
}
