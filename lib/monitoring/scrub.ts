import type { Breadcrumb, ErrorEvent } from '@sentry/nextjs'

/**
 * What may leave for the error-monitoring service. Request bodies, cookies, query strings, emails and
 * anything that looks like health or personal data are removed here, in `beforeSend`, on the server
 * and in the browser alike: an error report keeps where and how it failed, never whose data it was.
 */
export const FILTERED = '[Filtered]'

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g
/** Postgres repeats the offending row or key in its errors: "Failing row contains (…)", "Key (email)=(…)". */
const FAILING_ROW = /(Failing row contains )\([\s\S]*\)/g
const KEY_VALUE = /(Key \([^)]*\)=)\([^)]*\)/g
/** Keys whose values are personal or health data, or secrets, wherever they appear in an event. */
const SENSITIVE_KEY =
  /mail|name|phone|address|birth|due|pregnan|gestation|note|body|answer|signature|diagnos|health|medical|allerg|medication|condition|password|token|secret|cookie|authorization|session|ip/i
/** The request headers worth keeping: none of them identify the person or carry her data. */
const SAFE_HEADERS = new Set(['user-agent', 'content-type', 'accept', 'accept-language'])
/** Technical contexts only: runtime, device and trace ids. */
const SAFE_CONTEXTS = new Set(['runtime', 'os', 'browser', 'device', 'trace', 'app', 'culture', 'cloud_resource'])

export function scrubText(text: string): string {
  return text.replace(EMAIL, FILTERED).replace(FAILING_ROW, `$1${FILTERED}`).replace(KEY_VALUE, `$1${FILTERED}`)
}

/** A URL without its query string and fragment (they carry emails, tokens and search terms). */
function scrubUrl(url: string): string {
  return scrubText(url.replace(/[?#][\s\S]*$/, ''))
}

/** A copy of `value` with sensitive keys filtered and every string scrubbed, to a bounded depth. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value)
  if (value === null || typeof value !== 'object') return value
  if (depth >= 6) return FILTERED
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1))
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, SENSITIVE_KEY.test(key) ? FILTERED : scrubValue(v, depth + 1)]),
  )
}

function scrubBreadcrumb(crumb: Breadcrumb): Breadcrumb {
  const data = crumb.data ?? {}
  const kept: Breadcrumb = { type: crumb.type, category: crumb.category, level: crumb.level, timestamp: crumb.timestamp }
  // Console lines can print anything: only their level and time stay.
  if (crumb.category !== 'console' && crumb.message) kept.message = scrubText(crumb.message)
  const safe: Record<string, unknown> = {}
  for (const key of ['url', 'from', 'to']) if (typeof data[key] === 'string') safe[key] = scrubUrl(data[key])
  for (const key of ['method', 'status_code']) if (data[key] !== undefined) safe[key] = data[key]
  if (Object.keys(safe).length > 0) kept.data = safe
  return kept
}

/** The `beforeSend` hook: returns the event with everything above removed. */
export function scrubEvent<E extends ErrorEvent>(event: E): E {
  if (event.message) event.message = scrubText(event.message)
  if (event.request) {
    const { method, url, headers } = event.request
    event.request = {
      method,
      url: url ? scrubUrl(url) : undefined,
      headers: headers
        ? Object.fromEntries(Object.entries(headers).filter(([name]) => SAFE_HEADERS.has(name.toLowerCase())))
        : undefined,
    }
  }
  if (event.user) event.user = event.user.id === undefined ? {} : { id: event.user.id }
  for (const exception of event.exception?.values ?? []) {
    if (exception.value) exception.value = scrubText(exception.value)
    for (const frame of exception.stacktrace?.frames ?? []) delete frame.vars
  }
  if (event.breadcrumbs) event.breadcrumbs = event.breadcrumbs.map(scrubBreadcrumb)
  if (event.extra) event.extra = scrubValue(event.extra) as E['extra']
  if (event.tags) event.tags = scrubValue(event.tags) as E['tags']
  if (event.contexts) {
    event.contexts = Object.fromEntries(Object.entries(event.contexts).filter(([name]) => SAFE_CONTEXTS.has(name))) as E['contexts']
  }
  return event
}
