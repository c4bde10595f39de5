import type { Ctx, Obj } from './context.ts'
import { invalidRequest } from './errors.ts'
import { render } from './events.ts'
import { listOf } from './objects.ts'

/** Line items of a checkout session: computed, and only shown when expanded (as at Stripe). */
export function checkoutLineItems(ctx: Ctx, session: Obj) {
  const items = (ctx.store.internal(session.id).lineItems ?? []) as { id: string; price: string; quantity: number }[]
  const data = items.map((li) => {
    const price = ctx.store.get(li.price, 'price')
    const product = ctx.store.find(String(price.product))
    const amount = Number(price.unit_amount) * li.quantity
    return {
      id: li.id,
      object: 'item',
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency: price.currency,
      description: product?.name ?? null,
      metadata: {},
      price: render(ctx, price),
      quantity: li.quantity,
    }
  })
  return listOf(data, `/v1/checkout/sessions/${session.id}/line_items`)
}

function expandValue(ctx: Ctx, value: unknown, path: string[], full: string): unknown {
  if (path.length === 0) {
    if (typeof value === 'string') {
      const found = ctx.store.find(value)
      if (!found) throw invalidRequest(`This property cannot be expanded (${full}).`, 'expand')
      return render(ctx, found)
    }
    if (value === null || typeof value === 'object') return value
    throw invalidRequest(`This property cannot be expanded (${full}).`, 'expand')
  }
  if (value === null || value === undefined) return value
  if (typeof value === 'string') return expandValue(ctx, expandValue(ctx, value, [], full), path, full)
  if (typeof value !== 'object') throw invalidRequest(`This property cannot be expanded (${full}).`, 'expand')
  const [head, ...rest] = path as [string, ...string[]]
  const record = value as Record<string, unknown>
  if (head === 'data' && Array.isArray(record.data)) {
    return { ...record, data: record.data.map((d) => expandValue(ctx, d, rest, full)) }
  }
  if (record.object === 'checkout.session' && head === 'line_items' && !('line_items' in record)) {
    return { ...record, line_items: expandValue(ctx, checkoutLineItems(ctx, record as Obj), rest, full) }
  }
  if (!(head in record)) throw invalidRequest(`This property cannot be expanded (${full}).`, 'expand')
  return { ...record, [head]: expandValue(ctx, record[head], rest, full) }
}

/**
 * `expand[]` (docs.stripe.com/api/expanding_objects): each dotted path replaces an id with its
 * object, through nested fields and list `data`, at most 4 levels deep; a path to something that is
 * not an id or object is refused with Stripe's "This property cannot be expanded" error.
 */
export function applyExpand(ctx: Ctx, body: unknown, expand: string[] | undefined): unknown {
  if (!expand?.length) return body
  let out = body
  for (const path of expand) {
    const parts = path.split('.')
    if (parts.length > 4) throw invalidRequest(`You cannot expand more than 4 levels of a property (${path}).`, 'expand')
    out = expandValue(ctx, out, parts, path)
  }
  return out
}
