import type { Ctx } from '../context.ts'
import { missingParam } from '../errors.ts'
import { emit, render, updateWithEvent } from '../events.ts'
import type { Params } from '../http.ts'
import { randomChars } from '../ids.ts'
import { newWebhookEndpoint } from '../objects.ts'
import { allowOnly, mergeMetadata, oneOf, requireStr, str, strings } from '../params.ts'
import { paginate } from '../store.ts'
import { matchesEnabledEvents } from '../webhooks.ts'
import { route, type Route } from './route.ts'

function listInvoices(ctx: Ctx, p: Params) {
  allowOnly(p, ['customer', 'subscription', 'status', 'collection_method', 'limit', 'starting_after', 'ending_before', 'created', 'expand'])
  const customer = str(p, 'customer')
  const subscription = str(p, 'subscription')
  const status = oneOf(p, 'status', ['draft', 'open', 'paid', 'uncollectible', 'void'] as const)
  const items = ctx.store.all('invoice').filter((i) => {
    const sub = (i.parent as { subscription_details?: { subscription: string } } | null)?.subscription_details?.subscription
    return (!customer || i.customer === customer) && (!subscription || sub === subscription) && (!status || i.status === status)
  })
  return paginate(items.map((i) => render(ctx, i)), p, '/v1/invoices')
}

/** Events (docs.stripe.com/api/events/list): `type` (with `*` wildcards, e.g. `invoice.*`) or `types[]`. */
function listEvents(ctx: Ctx, p: Params) {
  allowOnly(p, ['type', 'types', 'delivery_success', 'limit', 'starting_after', 'ending_before', 'created', 'expand'])
  const type = str(p, 'type')
  const types = strings(p, 'types')
  const items = ctx.store.all('event').filter((e) => (!type || matchesEnabledEvents([type], String(e.type))) && (!types || types.includes(String(e.type))))
  return paginate(items, p, '/v1/events')
}

const EVENT_FIELDS = ['url', 'enabled_events', 'description', 'metadata', 'api_version', 'expand']

/** Webhook endpoints: the secret (`whsec_…`) is returned only by create, as at Stripe. */
function createEndpoint(ctx: Ctx, p: Params) {
  allowOnly(p, [...EVENT_FIELDS, 'connect'])
  const url = requireStr(p, 'url')
  const enabled = strings(p, 'enabled_events')
  if (!enabled?.length) throw missingParam('enabled_events')
  const endpoint = ctx.store.insert(newWebhookEndpoint(ctx, { url, secret: `whsec_${randomChars(32)}`, enabled_events: enabled, description: str(p, 'description') || null, metadata: mergeMetadata({}, p) }))
  return { ...render(ctx, endpoint), secret: endpoint.secret }
}

function updateEndpoint(ctx: Ctx, p: Params, [id]: string[]) {
  allowOnly(p, [...EVENT_FIELDS, 'disabled'])
  const endpoint = ctx.store.get(id!, 'webhook_endpoint')
  const enabled = strings(p, 'enabled_events')
  const disabled = str(p, 'disabled')
  updateWithEvent(ctx, endpoint, 'webhook_endpoint.updated', () => {
    if (p.url !== undefined) endpoint.url = requireStr(p, 'url')
    if (enabled) endpoint.enabled_events = enabled
    if (p.description !== undefined) endpoint.description = str(p, 'description') || null
    if (disabled !== undefined) endpoint.status = disabled === 'true' ? 'disabled' : 'enabled'
    endpoint.metadata = mergeMetadata(endpoint.metadata as Record<string, string>, p)
  })
  if (endpoint.status !== 'enabled') ctx.webhooks.dropEndpoint(endpoint.id)
  return render(ctx, endpoint)
}

function deleteEndpoint(ctx: Ctx, _p: Params, [id]: string[]) {
  const endpoint = ctx.store.get(id!, 'webhook_endpoint')
  ctx.webhooks.dropEndpoint(endpoint.id)
  ctx.store.remove(endpoint.id)
  emit(ctx, 'webhook_endpoint.deleted', endpoint)
  return { id: endpoint.id, object: 'webhook_endpoint', deleted: true }
}

export const recordRoutes: Route[] = [
  route('GET', '/v1/invoices', listInvoices),
  route('GET', '/v1/invoices/:id', (ctx, _p, [id]) => render(ctx, ctx.store.get(id!, 'invoice'))),
  route('GET', '/v1/events', listEvents),
  route('GET', '/v1/events/:id', (ctx, _p, [id]) => ctx.store.get(id!, 'event')),
  route('POST', '/v1/webhook_endpoints', createEndpoint),
  route('GET', '/v1/webhook_endpoints', (ctx, p) => {
    allowOnly(p, ['limit', 'starting_after', 'ending_before', 'created', 'expand'])
    return paginate(ctx.store.all('webhook_endpoint').map((e) => render(ctx, e)), p, '/v1/webhook_endpoints')
  }),
  route('GET', '/v1/webhook_endpoints/:id', (ctx, _p, [id]) => render(ctx, ctx.store.get(id!, 'webhook_endpoint'))),
  route('POST', '/v1/webhook_endpoints/:id', updateEndpoint),
  route('DELETE', '/v1/webhook_endpoints/:id', deleteEndpoint),
]
