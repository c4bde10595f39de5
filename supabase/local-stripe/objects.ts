import type { Ctx, Obj } from './context.ts'
import { newId, randomChars } from './ids.ts'

/** A deep copy, so what was served or sent can never change under its receiver. */
export const clone = <T>(value: T): T => structuredClone(value)

export function listOf(data: unknown[], url: string) {
  return { object: 'list', data, has_more: false, total_count: data.length, url }
}

export function newProduct(ctx: Ctx, fields: { id?: string; name: string; active: boolean; description: string | null; metadata: Record<string, string> }): Obj {
  const now = ctx.clock.now()
  return {
    id: fields.id ?? newId('prod'),
    object: 'product',
    active: fields.active,
    created: now,
    default_price: null,
    description: fields.description,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: fields.metadata,
    name: fields.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: 'service',
    unit_label: null,
    updated: now,
    url: null,
  }
}

export interface PriceFields {
  product: string
  currency: string
  unit_amount: number
  recurring: { interval: 'day' | 'week' | 'month' | 'year'; interval_count: number } | null
  lookup_key: string | null
  nickname: string | null
  active: boolean
  metadata: Record<string, string>
}

export function newPrice(ctx: Ctx, f: PriceFields): Obj {
  return {
    id: newId('price'),
    object: 'price',
    active: f.active,
    billing_scheme: 'per_unit',
    created: ctx.clock.now(),
    currency: f.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: f.lookup_key,
    metadata: f.metadata,
    nickname: f.nickname,
    product: f.product,
    recurring: f.recurring
      ? { interval: f.recurring.interval, interval_count: f.recurring.interval_count, meter: null, trial_period_days: null, usage_type: 'licensed' }
      : null,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: f.recurring ? 'recurring' : 'one_time',
    unit_amount: f.unit_amount,
    unit_amount_decimal: String(f.unit_amount),
  }
}

/** The legacy Plan object Stripe still embeds in each subscription item, derived from its price. */
export function planOf(price: Obj): Obj {
  const recurring = (price.recurring ?? {}) as { interval?: string; interval_count?: number }
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    interval: recurring.interval ?? null,
    interval_count: recurring.interval_count ?? null,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: 'licensed',
  }
}

export function newCustomer(ctx: Ctx, f: { email: string | null; name: string | null; description: string | null; phone: string | null; metadata: Record<string, string> }): Obj {
  return {
    id: newId('cus'),
    object: 'customer',
    address: null,
    balance: 0,
    created: ctx.clock.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: f.description,
    discount: null,
    email: f.email,
    invoice_prefix: randomChars(8).toUpperCase().replace(/[^A-Z0-9]/g, 'X'),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: f.metadata,
    name: f.name,
    next_invoice_sequence: 1,
    phone: f.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  }
}

export interface CardInfo {
  brand: string
  last4: string
  exp_month: number
  exp_year: number
  /** The full test number, kept only to decide how charges behave (never shown). */
  number: string
}

export function newPaymentMethod(ctx: Ctx, customer: string, card: CardInfo, name: string | null, email: string | null): Obj {
  const pm: Obj = {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'always',
    billing_details: { address: null, email, name, phone: null, tax_id: null },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: card.brand,
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      fingerprint: randomChars(16),
      funding: 'credit',
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: ctx.clock.now(),
    customer,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  }
  ctx.store.internal(pm.id as string).cardNumber = card.number
  return pm
}

export function newWebhookEndpoint(ctx: Ctx, f: { url: string; secret: string; enabled_events: string[]; description: string | null; metadata: Record<string, string>; id?: string }): Obj {
  return {
    id: f.id ?? newId('we'),
    object: 'webhook_endpoint',
    api_version: null,
    application: null,
    created: ctx.clock.now(),
    description: f.description,
    enabled_events: f.enabled_events,
    livemode: false,
    metadata: f.metadata,
    secret: f.secret,
    status: 'enabled',
    url: f.url,
  }
}
