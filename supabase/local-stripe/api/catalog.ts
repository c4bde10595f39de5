import type { Ctx, Obj } from '../context.ts'
import { ApiError, invalidParam, invalidRequest, missingParam } from '../errors.ts'
import { emit, render, updateWithEvent } from '../events.ts'
import type { Params } from '../http.ts'
import { newPrice, newProduct } from '../objects.ts'
import { allowOnly, bool, int, mergeMetadata, obj, oneOf, requireStr, str, strings } from '../params.ts'
import { paginate } from '../store.ts'
import { route, type Route } from './route.ts'

const INTERVALS = ['day', 'week', 'month', 'year'] as const

function createProduct(ctx: Ctx, p: Params) {
  allowOnly(p, ['id', 'name', 'active', 'description', 'metadata', 'expand'])
  const id = str(p, 'id')
  if (id && ctx.store.find(id)) throw new ApiError(400, 'invalid_request_error', `Product already exists.`, 'resource_already_exists', 'id')
  const product = ctx.store.insert(
    newProduct(ctx, { id, name: requireStr(p, 'name'), active: bool(p, 'active') ?? true, description: str(p, 'description') || null, metadata: mergeMetadata({}, p) }),
  )
  emit(ctx, 'product.created', product)
  return render(ctx, product)
}

function updateProduct(ctx: Ctx, p: Params, [id]: string[]) {
  allowOnly(p, ['name', 'active', 'description', 'metadata', 'expand'])
  const product = ctx.store.get(id!, 'product')
  updateWithEvent(ctx, product, 'product.updated', () => {
    const name = str(p, 'name')
    if (name !== undefined) {
      if (!name) throw missingParam('name')
      product.name = name
    }
    product.active = bool(p, 'active') ?? product.active
    if (p.description !== undefined) product.description = str(p, 'description') || null
    product.metadata = mergeMetadata(product.metadata as Record<string, string>, p)
    product.updated = ctx.clock.now()
  })
  return render(ctx, product)
}

function listProducts(ctx: Ctx, p: Params) {
  allowOnly(p, ['active', 'ids', 'limit', 'starting_after', 'ending_before', 'created', 'expand'])
  const active = bool(p, 'active')
  const ids = strings(p, 'ids')
  const items = ctx.store.all('product').filter((x) => (active === undefined || x.active === active) && (!ids || ids.includes(x.id)))
  return paginate(items.map((x) => render(ctx, x)), p, '/v1/products')
}

function deleteProduct(ctx: Ctx, _p: Params, [id]: string[]) {
  const product = ctx.store.get(id!, 'product')
  if (ctx.store.all('price').some((price) => price.product === product.id)) {
    throw invalidRequest('This product cannot be deleted because it has one or more user-created prices.')
  }
  ctx.store.remove(product.id)
  emit(ctx, 'product.deleted', product)
  return { id: product.id, object: 'product', deleted: true }
}

/**
 * A lookup key belongs to one price at a time: setting one that another price has is refused
 * unless `transfer_lookup_key=true`, which moves it (docs.stripe.com/api/prices/create).
 */
function claimLookupKey(ctx: Ctx, key: string | null, transfer: boolean, self?: string) {
  if (!key) return
  const holder = ctx.store.all('price').find((x) => x.lookup_key === key && x.id !== self)
  if (!holder) return
  if (!transfer) throw invalidParam('lookup_key', `A price (\`${holder.id}\`) already uses that lookup key.`, 'none')
  updateWithEvent(ctx, holder, 'price.updated', () => (holder.lookup_key = null))
}

function createPrice(ctx: Ctx, p: Params) {
  allowOnly(p, ['currency', 'unit_amount', 'product', 'product_data', 'recurring', 'lookup_key', 'transfer_lookup_key', 'nickname', 'active', 'metadata', 'tax_behavior', 'expand'])
  const currency = requireStr(p, 'currency').toLowerCase()
  const unitAmount = int(p, 'unit_amount')
  if (unitAmount === undefined) throw missingParam('unit_amount')
  if (unitAmount < 0) throw invalidParam('unit_amount', 'This value must be greater than or equal to 0.', 'none')
  let productId = str(p, 'product')
  const productData = obj(p, 'product_data')
  if (productId && productData) throw invalidRequest('You may only specify one of these parameters: product, product_data.')
  if (productData) {
    allowOnly(productData, ['name', 'active', 'metadata'], 'product_data')
    const product = ctx.store.insert(newProduct(ctx, { name: requireStr(productData, 'name', 'product_data[name]'), active: bool(productData, 'active') ?? true, description: null, metadata: mergeMetadata({}, productData) }))
    emit(ctx, 'product.created', product)
    productId = product.id
  }
  if (!productId) throw missingParam('product')
  ctx.store.get(productId, 'product', 'product')
  const recurringParams = obj(p, 'recurring')
  let recurring = null
  if (recurringParams) {
    allowOnly(recurringParams, ['interval', 'interval_count', 'usage_type'], 'recurring')
    const interval = oneOf(recurringParams, 'interval', INTERVALS, 'recurring[interval]')
    if (!interval) throw missingParam('recurring[interval]')
    recurring = { interval, interval_count: int(recurringParams, 'interval_count', 'recurring[interval_count]') ?? 1 }
  }
  const lookupKey = str(p, 'lookup_key') || null
  claimLookupKey(ctx, lookupKey, bool(p, 'transfer_lookup_key') ?? false)
  const price = ctx.store.insert(
    newPrice(ctx, { product: productId, currency, unit_amount: unitAmount, recurring, lookup_key: lookupKey, nickname: str(p, 'nickname') || null, active: bool(p, 'active') ?? true, metadata: mergeMetadata({}, p) }),
  )
  emit(ctx, 'price.created', price)
  return render(ctx, price)
}

function updatePrice(ctx: Ctx, p: Params, [id]: string[]) {
  allowOnly(p, ['active', 'lookup_key', 'transfer_lookup_key', 'nickname', 'metadata', 'tax_behavior', 'expand'])
  const price = ctx.store.get(id!, 'price')
  const lookupKey = str(p, 'lookup_key')
  if (lookupKey) claimLookupKey(ctx, lookupKey, bool(p, 'transfer_lookup_key') ?? false, price.id)
  updateWithEvent(ctx, price, 'price.updated', () => {
    price.active = bool(p, 'active') ?? price.active
    if (lookupKey !== undefined) price.lookup_key = lookupKey || null
    if (p.nickname !== undefined) price.nickname = str(p, 'nickname') || null
    price.metadata = mergeMetadata(price.metadata as Record<string, string>, p)
  })
  return render(ctx, price)
}

function listPrices(ctx: Ctx, p: Params) {
  allowOnly(p, ['active', 'product', 'type', 'currency', 'lookup_keys', 'recurring', 'limit', 'starting_after', 'ending_before', 'created', 'expand'])
  const active = bool(p, 'active')
  const product = str(p, 'product')
  const type = oneOf(p, 'type', ['one_time', 'recurring'] as const)
  const currency = str(p, 'currency')?.toLowerCase()
  const lookupKeys = strings(p, 'lookup_keys')
  if (lookupKeys && lookupKeys.length > 10) throw invalidParam('lookup_keys', 'You can pass up to 10 lookup keys.', 'none')
  const interval = obj(p, 'recurring')?.interval
  const items = ctx.store
    .all('price')
    .filter(
      (x: Obj) =>
        (active === undefined || x.active === active) &&
        (!product || x.product === product) &&
        (!type || x.type === type) &&
        (!currency || x.currency === currency) &&
        (!lookupKeys || lookupKeys.includes(String(x.lookup_key))) &&
        (!interval || (x.recurring as { interval?: string } | null)?.interval === interval),
    )
  return paginate(items.map((x) => render(ctx, x)), p, '/v1/prices')
}

export const catalogRoutes: Route[] = [
  route('POST', '/v1/products', createProduct),
  route('GET', '/v1/products', listProducts),
  route('GET', '/v1/products/:id', (ctx, _p, [id]) => render(ctx, ctx.store.get(id!, 'product'))),
  route('POST', '/v1/products/:id', updateProduct),
  route('DELETE', '/v1/products/:id', deleteProduct),
  route('POST', '/v1/prices', createPrice),
  route('GET', '/v1/prices', listPrices),
  route('GET', '/v1/prices/:id', (ctx, _p, [id]) => render(ctx, ctx.store.get(id!, 'price'))),
  route('POST', '/v1/prices/:id', updatePrice),
]
