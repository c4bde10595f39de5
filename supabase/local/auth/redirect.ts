import type { AuthConfig } from '../config.ts'

/** Glob as GoTrue compiles allow-list entries: `*` stops at `.` and `/`, `**` crosses them, `?` is one char. */
function globToRegExp(glob: string): RegExp {
  let re = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*'
      i++
    } else if (c === '*') re += '[^./]*'
    else if (c === '?') re += '[^./]'
    else re += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

const DECIMAL_HOST = /^[0-9]+$/
const REGULAR_HOST = /^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/**
 * The host exactly as written. WHATWG URL parsing rewrites `http://2130706433/` to 127.0.0.1,
 * while GoTrue (Go's url.Parse) keeps it and refuses it, so every host check uses the raw text.
 */
function rawHostname(redirect: string): string {
  const authority = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(redirect)?.[1] ?? ''
  const host = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase()
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'))
  return host.replace(/:\d*$/, '')
}

/** undefined when `host` is not an IP literal. */
function ipLoopback(host: string): boolean | undefined {
  const v4 = IPV4.exec(host)
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255) ? v4[1] === '127' : undefined
  if (host.includes(':')) return host === '::1' || host === '0:0:0:0:0:0:0:1'
  return undefined
}

function parse(value: string): URL | undefined {
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}

/**
 * GoTrue's IsRedirectURLValid: back to the site (scheme, host, and port unless loopback), any
 * loopback IP literal, or an `additional_redirect_urls` glob matched against the URL minus its
 * fragment (the query counts). Control characters, decimal IPs and odd http hosts are refused.
 */
export function isRedirectAllowed(redirect: string, auth: AuthConfig): boolean {
  if (redirect === '' || [...redirect].some((ch) => ch.charCodeAt(0) <= 0x20 || ch.charCodeAt(0) === 0x7f)) return false
  const site = parse(auth.siteUrl)
  if (!site) return false
  const target = parse(redirect)
  if (!target && /^https?:\/\//i.test(redirect)) return false
  if (target) {
    const host = rawHostname(redirect)
    const loopback = ipLoopback(host)
    const isLocalhost = host === 'localhost' || loopback === true
    if (
      host === site.hostname.replace(/^\[|\]$/g, '') &&
      target.protocol === site.protocol &&
      (target.port === site.port || isLocalhost)
    ) {
      return true
    }
    if (DECIMAL_HOST.test(host)) return false
    if (loopback !== undefined) return loopback
    if (/^https?:$/.test(target.protocol) && !REGULAR_HOST.test(host)) return false
  }
  const withoutFragment = redirect.split('#')[0]!
  return auth.additionalRedirectUrls.some((pattern) => globToRegExp(pattern).test(withoutFragment))
}

/** The validated redirect; an invalid or missing one silently becomes site_url, as GoTrue does. */
export function resolveRedirect(redirect: string | undefined, auth: AuthConfig): string {
  return redirect && isRedirectAllowed(redirect, auth) ? redirect : auth.siteUrl
}
