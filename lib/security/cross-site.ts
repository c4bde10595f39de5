/**
 * A server-action POST whose Origin is not this host. Next.js refuses such a request too, but by
 * throwing, which answers 500; judged here first (with the same headers Next compares: Origin
 * against X-Forwarded-Host, else Host), it is a 403 that says what happened. A request without an
 * Origin is left to Next, which lets it through as same-site browsers always send one on POST.
 */
export function isCrossSiteAction(method: string, headers: Headers): boolean {
  if (method !== 'POST' || !headers.has('next-action')) return false
  const origin = headers.get('origin')
  if (origin === null) return false
  const host = (headers.get('x-forwarded-host') ?? headers.get('host'))?.split(',')[0]?.trim()
  if (!host) return true
  try {
    return new URL(origin).host !== host
  } catch {
    return true
  }
}
