import type { Ctx, Obj } from '../context.ts'
import { ApiError, invalidParam, invalidRequest, missingParam } from '../errors.ts'
import { expireIfDue, renderSession } from '../checkout.ts'
import { checkoutLineItems } from '../expand.ts'
import { emit, render } from '../events.ts'
import type { Params } from '../http.ts'
import { newId } from '../ids.ts'
import { allowOnly, bool, int, list, mergeMetadata, obj, oneOf, requireStr, str } from '../params.ts'
import { paginate } from '../store.ts'
import { route, type Route } from './route.ts'

const DAY = 86400

function validUrl(value: string, param: string) {
  try {
    const u = new URL(value)
    if (u.protocol === 'http:' || u.protocol === 'https:') return value
  } catch {
    // Falls through to Stripe's message.
  }
  throw invalidParam(param, 'Not a valid URL', 'url_invalid')
}

function lineItems(ctx: Ctx, p: Params) {
  const raw = list(p, 'line_items')
  if (!raw?.length) throw missingParam('line_items')
  return raw.map((entry, i) => {
    const param = `line_items[${i}]`
    if (typeof entry !== 'object' || Array.isArray(entry)) throw invalidParam(param, 'Invalid object', 'none')
    allowOnly(entry, ['price', 'quantity', 'adjustable_quantity'], param)
    const priceId = requireStr(entry, 'price', `${param}[price]`)
    const price = ctx.store.get(priceId, 'price', `${param}[price]`)
    if (!price.active) throw invalidParam(`${param}[price]`, `The price specified is inactive. This field only accepts active prices.`, 'none')
    if (!price.recurring) throw invalidRequest('You must provide at least one recurring price in `subscription` mode when using prices.', `${param}[price]`)
    const quantity = int(entry, 'quantity', `${param}[quantity]`) ?? 1
    if (quantity < 1) throw invalidParam(`${param}[quantity]`, 'This value must be greater than or equal to 1.', 'none')
    return { id: newId('li'), price: price.id, quantity, currency: String(price.currency), amount: Number(price.unit_amount) * quantity }
  })
}

/**
 * Checkout Sessions in `mode=subscription` (docs.stripe.com/api/checkout/sessions/create): the
 * customer or customer_email, line items with quantities, client_reference_id, metadata,
 * subscription_data (trial_period_days, metadata, description, trial_settings), and
 * payment_method_collection (`if_required` lets a trial start without a card).
 */
function createSession(ctx: Ctx, p: Params) {
  allowOnly(p, [
    'mode', 'line_items', 'success_url', 'cancel_url', 'customer', 'customer_email', 'client_reference_id', 'metadata',
    'subscription_data', 'payment_method_collection', 'allow_promotion_codes', 'billing_address_collection', 'locale', 'expires_at', 'expand',
  ])
  const mode = oneOf(p, 'mode', ['payment', 'setup', 'subscription'] as const)
  if (!mode) throw missingParam('mode')
  if (mode !== 'subscription') throw invalidParam('mode', 'The local Stripe stand-in serves Checkout in subscription mode only.', 'none')
  const successUrl = validUrl(requireStr(p, 'success_url'), 'success_url')
  const cancelUrl = str(p, 'cancel_url') ? validUrl(str(p, 'cancel_url')!, 'cancel_url') : null
  const customerId = str(p, 'customer') || null
  const customerEmail = str(p, 'customer_email') || null
  if (customerId && customerEmail) throw invalidRequest('You may only specify one of these parameters: customer, customer_email.')
  if (customerId) ctx.store.get(customerId, 'customer', 'customer')
  const clientReference = str(p, 'client_reference_id') || null
  if (clientReference && clientReference.length > 200) throw invalidParam('client_reference_id', 'client_reference_id must be at most 200 characters.', 'none')
  const items = lineItems(ctx, p)
  const currencies = new Set(items.map((i) => i.currency))
  if (currencies.size > 1) throw invalidRequest('All prices on a Checkout Session must share one currency.', 'line_items')
  const sd = obj(p, 'subscription_data') ?? {}
  allowOnly(sd, ['trial_period_days', 'metadata', 'description', 'trial_settings'], 'subscription_data')
  const trialDays = int(sd, 'trial_period_days', 'subscription_data[trial_period_days]')
  if (trialDays !== undefined && (trialDays < 1 || trialDays > 730)) {
    throw invalidParam('subscription_data[trial_period_days]', 'The trial period must be between 1 and 730 days.', 'none')
  }
  const endBehavior = obj(obj(sd, 'trial_settings') ?? {}, 'end_behavior') ?? {}
  const missingPaymentMethod = oneOf(endBehavior, 'missing_payment_method', ['cancel', 'pause', 'create_invoice'] as const, 'subscription_data[trial_settings][end_behavior][missing_payment_method]') ?? 'create_invoice'
  const collection = oneOf(p, 'payment_method_collection', ['always', 'if_required'] as const) ?? 'always'
  const now = ctx.clock.now()
  const expiresAt = int(p, 'expires_at') ?? now + DAY
  if (expiresAt < now + 30 * 60 || expiresAt > now + DAY) throw invalidParam('expires_at', 'The `expires_at` timestamp must be between 30 minutes and 24 hours from now.', 'none')
  const id = newId('cs')
  const subtotal = items.reduce((sum, i) => sum + i.amount, 0)
  const total = trialDays ? 0 : subtotal
  const session: Obj = {
    id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: bool(p, 'allow_promotion_codes') ?? null,
    amount_subtotal: total,
    amount_total: total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: str(p, 'billing_address_collection') ?? null,
    cancel_url: cancelUrl,
    client_reference_id: clientReference,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: now,
    currency: items[0]!.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: customerId,
    customer_account: null,
    customer_creation: null,
    customer_details: customerEmail ? { address: null, email: customerEmail, name: null, phone: null, tax_exempt: 'none', tax_ids: null } : null,
    customer_email: customerEmail,
    discounts: [],
    expires_at: expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: str(p, 'locale') ?? null,
    managed_payments: null,
    metadata: mergeMetadata({}, p),
    mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: collection,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    payment_status: 'unpaid',
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: `${ctx.baseUrl}/c/pay/${id}`,
    wallet_options: null,
  }
  ctx.store.insert(session)
  Object.assign(ctx.store.internal(id), {
    lineItems: items.map(({ id: li, price, quantity }) => ({ id: li, price, quantity })),
    trialDays,
    subscriptionMetadata: mergeMetadata({}, sd),
    description: str(sd, 'description', 'subscription_data[description]') || null,
    missingPaymentMethod,
  })
  return render(ctx, session)
}

function getSession(ctx: Ctx, id: string) {
  const session = ctx.store.get(id, 'checkout.session')
  expireIfDue(ctx, session)
  return session
}

function expireSession(ctx: Ctx, _p: Params, [id]: string[]) {
  const session = getSession(ctx, id!)
  if (session.status !== 'open') throw new ApiError(400, 'invalid_request_error', `Only Checkout Sessions with a status in ["open"] can be expired.`)
  session.status = 'expired'
  session.url = null
  ctx.store.touch()
  emit(ctx, 'checkout.session.expired', session)
  return render(ctx, session)
}

function listSessions(ctx: Ctx, p: Params) {
  allowOnly(p, ['customer', 'subscription', 'status', 'limit', 'starting_after', 'ending_before', 'created', 'expand'])
  const customer = str(p, 'customer')
  const subscription = str(p, 'subscription')
  const status = str(p, 'status')
  const items = ctx.store.all('checkout.session').filter((s) => {
    expireIfDue(ctx, s)
    return (!customer || s.customer === customer) && (!subscription || s.subscription === subscription) && (!status || s.status === status)
  })
  return paginate(items.map((s) => render(ctx, s)), p, '/v1/checkout/sessions')
}

/** Billing portal sessions (docs.stripe.com/api/customer_portal/sessions/create): a URL to the portal for one customer. */
function createPortalSession(ctx: Ctx, p: Params) {
  allowOnly(p, ['customer', 'return_url', 'configuration', 'locale', 'expand'])
  const customer = ctx.store.get(requireStr(p, 'customer'), 'customer', 'customer')
  const returnUrl = str(p, 'return_url') ? validUrl(str(p, 'return_url')!, 'return_url') : null
  const id = newId('bps')
  const session: Obj = {
    id,
    object: 'billing_portal.session',
    configuration: 'bpc_local_default',
    created: ctx.clock.now(),
    customer: customer.id,
    customer_account: null,
    flow: null,
    livemode: false,
    locale: str(p, 'locale') ?? null,
    on_behalf_of: null,
    return_url: returnUrl,
    url: `${ctx.baseUrl}/p/session/${id}`,
  }
  ctx.store.insert(session)
  return render(ctx, session)
}

export const sessionRoutes: Route[] = [
  route('POST', '/v1/checkout/sessions', createSession),
  route('GET', '/v1/checkout/sessions', listSessions),
  route('GET', '/v1/checkout/sessions/:id', (ctx, _p, [id]) => renderSession(ctx, getSession(ctx, id!))),
  route('GET', '/v1/checkout/sessions/:id/line_items', (ctx, p, [id]) => {
    const items = checkoutLineItems(ctx, getSession(ctx, id!))
    return paginate(items.data as unknown as Obj[], p, items.url)
  }),
  route('POST', '/v1/checkout/sessions/:id/expire', expireSession),
  route('POST', '/v1/billing_portal/sessions', createPortalSession),
]
