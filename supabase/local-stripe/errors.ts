/**
 * Stripe's error envelope: `{ error: { type, code, param, message } }` with the HTTP status that goes
 * with it (docs.stripe.com/api/errors). `doc_url` is set when there is a code, as Stripe does.
 */
export type ErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    message: string,
    readonly code?: string,
    readonly param?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }

  toJSON() {
    return {
      error: {
        ...(this.code ? { code: this.code, doc_url: `https://stripe.com/docs/error-codes/${this.code.replaceAll('_', '-')}` } : {}),
        message: this.message,
        ...(this.param ? { param: this.param } : {}),
        type: this.type,
        ...this.extra,
      },
    }
  }
}

const NOUNS: Record<string, string> = {
  cus: 'customer',
  sub: 'subscription',
  si: 'subscription item',
  price: 'price',
  prod: 'product',
  cs: 'checkout.session',
  bps: 'billing_portal.session',
  in: 'invoice',
  evt: 'event',
  we: 'webhook endpoint',
  pm: 'PaymentMethod',
}

/** `No such customer: 'cus_x'` (resource_missing, 404), the noun taken from the id's prefix. */
export function noSuch(id: string, param = 'id', noun?: string): ApiError {
  const prefix = /^([a-z]+)_/.exec(id)?.[1] ?? ''
  const what = noun ?? NOUNS[prefix === 'cs' ? 'cs' : prefix] ?? 'object'
  return new ApiError(404, 'invalid_request_error', `No such ${what}: '${id}'`, 'resource_missing', param)
}

export const missingParam = (param: string) =>
  new ApiError(400, 'invalid_request_error', `Missing required param: ${param}.`, 'parameter_missing', param)

export const unknownParam = (param: string) =>
  new ApiError(400, 'invalid_request_error', `Received unknown parameter: ${param}`, 'parameter_unknown', param)

export const invalidParam = (param: string, message: string, code = 'parameter_invalid_empty') =>
  new ApiError(400, 'invalid_request_error', message, code === 'none' ? undefined : code, param)

export const invalidRequest = (message: string, param?: string) => new ApiError(400, 'invalid_request_error', message, undefined, param)
