export const DEFAULT_AFTER_SIGN_IN = '/dashboard'

/**
 * Returns `next` when it is a same-origin path inside the app, else the fallback. Decoding first
 * catches `%2F%2Fevil.com`; resolving against a sentinel origin catches `//host`, `/\host`,
 * `@host`, schemes and whitespace tricks that browsers normalise into a different origin.
 */
export function safeRedirectPath(next: string | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (!next) return fallback
  let decoded: string
  try {
    decoded = decodeURIComponent(next)
  } catch {
    return fallback
  }
  if (!decoded.startsWith('/') || decoded.startsWith('//') || /[\\\s\u0000-\u001f]/.test(decoded)) {
    return fallback
  }
  const sentinel = 'https://sentinel.invalid'
  let url: URL
  try {
    url = new URL(next, sentinel)
  } catch {
    return fallback
  }
  if (url.origin !== sentinel) return fallback
  // Normalising can make a new authority out of dot segments (`/..//evil.example` → `//evil.example`):
  // the path a browser will follow is judged again, as it will be read.
  const path = `${url.pathname}${url.search}${url.hash}`
  if (path.startsWith('//') || new URL(path, sentinel).origin !== sentinel) return fallback
  return path
}
