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

function isLoopbackLiteral(hostname: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]'
}

function parse(value: string): URL | undefined {
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}

export function isRedirectAllowed(redirect: string, auth: AuthConfig): boolean {
  const target = parse(redirect)
  if (!target) return false
  const site = parse(auth.siteUrl)
  if (
    site &&
    site.protocol === target.protocol &&
    site.hostname === target.hostname &&
    (site.port === target.port || target.hostname === 'localhost')
  ) {
    return true
  }
  if (isLoopbackLiteral(target.hostname)) return true
  const bare = new URL(target)
  bare.hash = ''
  bare.search = ''
  const candidates = [bare.toString(), redirect.split('#')[0]!]
  return auth.additionalRedirectUrls.some((pattern) => {
    const re = globToRegExp(pattern)
    return candidates.some((c) => re.test(c) || re.test(c.replace(/\/$/, '')))
  })
}

/** The validated redirect; an invalid or missing one silently becomes site_url, as GoTrue does. */
export function resolveRedirect(redirect: string | undefined, auth: AuthConfig): string {
  return redirect && isRedirectAllowed(redirect, auth) ? redirect : auth.siteUrl
}
