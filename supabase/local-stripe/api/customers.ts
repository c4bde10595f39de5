import { cancelNow } from '../billing.ts'
import type { Ctx, Obj } from '../context.ts'
import { noSuch } from '../errors.ts'
import { emit, render, updateWithEvent } from '../events.ts'
import type { Params } from '../http.ts'
import { newCustomer } from '../objects.ts'
import { allowOnly, mergeMetadata, obj, str } from '../params.ts'
import { paginate } from '../store.ts'
import { route, type Route } from './route.ts'

const FIELDS = ['email', 'name', 'description', 'phone', 'metadata', 'expand']

function createCustomer(ctx: Ctx, p: Params) {
  allowOnly(p, [...FIELDS, 'preferred_locales'])
  const customer = ctx.store.insert(
    newCustomer(ctx, { email: str(p, 'email') || null, name: str(p, 'name') || null, description: str(p, 'description') || null, phone: str(p, 'phone') || null, metadata: mergeMetadata({}, p) }),
  )
  emit(ctx, 'customer.created', customer)
  return render(ctx, customer)
}

/** A deleted customer is still retrievable, as `{ id, object: 'customer', deleted: true }`. */
function retrieveCustomer(ctx: Ctx, _p: Params, [id]: string[]) {
  if (ctx.store.state.internal[id!]?.deletedCustomer) return { id, object: 'customer', deleted: true }
  return render(ctx, ctx.store.get(id!, 'customer'))
}

function updateCustomer(ctx: Ctx, p: Params, [id]: string[]) {
  allowOnly(p, [...FIELDS, 'invoice_settings', 'preferred_locales'])
  const customer = ctx.store.get(id!, 'customer')
  const settings = obj(p, 'invoice_settings')
  let defaultPm: string | null | undefined
  if (settings) {
    allowOnly(settings, ['default_payment_method'], 'invoice_settings')
    defaultPm = str(settings, 'default_payment_method', 'invoice_settings[default_payment_method]')
    if (defaultPm) {
      const pm = ctx.store.get(defaultPm, 'payment_method', 'invoice_settings[default_payment_method]')
      if (pm.customer !== customer.id) throw noSuch(defaultPm, 'invoice_settings[default_payment_method]', 'PaymentMethod')
    }
  }
  const metadata = mergeMetadata(customer.metadata as Record<string, string>, p)
  updateWithEvent(ctx, customer, 'customer.updated', () => {
    for (const key of ['email', 'name', 'description', 'phone']) if (p[key] !== undefined) customer[key] = str(p, key) || null
    customer.metadata = metadata
    if (defaultPm !== undefined) (customer.invoice_settings as Record<string, unknown>).default_payment_method = defaultPm || null
  })
  return render(ctx, customer)
}

/** Deleting a customer cancels its subscriptions at once, then the customer (docs.stripe.com/api/customers/delete). */
function deleteCustomer(ctx: Ctx, _p: Params, [id]: string[]) {
  const customer = ctx.store.get(id!, 'customer')
  for (const sub of ctx.store.all('subscription')) {
    if (sub.customer === customer.id && sub.status !== 'canceled' && sub.status !== 'incomplete_expired') cancelNow(ctx, sub, 'cancellation_requested')
  }
  emit(ctx, 'customer.deleted', customer)
  ctx.store.remove(customer.id)
  ctx.store.internal(customer.id).deletedCustomer = true
  return { id: customer.id, object: 'customer', deleted: true }
}

function listCustomers(ctx: Ctx, p: Params) {
  allowOnly(p, ['email', 'limit', 'starting_after', 'ending_before', 'created', 'expand'])
  const email = str(p, 'email')
  const items = ctx.store.all('customer').filter((c) => !email || c.email === email)
  return paginate(items.map((c) => render(ctx, c)), p, '/v1/customers')
}

function customerPaymentMethods(ctx: Ctx, p: Params, [id]: string[]) {
  allowOnly(p, ['type', 'limit', 'starting_after', 'ending_before', 'expand'])
  ctx.store.get(id!, 'customer')
  const items = ctx.store.all('payment_method').filter((pm: Obj) => pm.customer === id)
  return paginate(items.map((pm) => render(ctx, pm)), p, `/v1/customers/${id}/payment_methods`)
}

export const customerRoutes: Route[] = [
  route('POST', '/v1/customers', createCustomer),
  route('GET', '/v1/customers', listCustomers),
  route('GET', '/v1/customers/:id', retrieveCustomer),
  route('POST', '/v1/customers/:id', updateCustomer),
  route('DELETE', '/v1/customers/:id', deleteCustomer),
  route('GET', '/v1/customers/:id/payment_methods', customerPaymentMethods),
  route('GET', '/v1/payment_methods/:id', (ctx, _p, [id]) => render(ctx, ctx.store.get(id!, 'payment_method'))),
]
