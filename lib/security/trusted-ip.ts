import { isIP } from 'node:net'

/**
 * The client's IP as the platform's own proxy saw it, for evidence (signatures, submissions).
 *
 * On Vercel the edge sets `x-vercel-forwarded-for` and overwrites `x-forwarded-for` with the address
 * it accepted the connection from; a client cannot choose either. Elsewhere (`next start`, tests) the
 * last `x-forwarded-for` hop is the one the nearest proxy added, so it is taken, never the first,
 * which is whatever the caller wrote. A self-hosted deployment must sit behind a proxy that sets the
 * header. Anything that is not an IP address gives null rather than a guess.
 */
export function trustedClientIp(headers: Headers): string | null {
  const vercel = headers.get('x-vercel-forwarded-for')?.split(',')[0]?.trim()
  if (vercel && isIP(vercel)) return vercel
  const hops = headers.get('x-forwarded-for')?.split(',').map((h) => h.trim()).filter(Boolean) ?? []
  const last = hops.at(-1)
  if (last && isIP(last)) return last
  const real = headers.get('x-real-ip')?.trim()
  return real && isIP(real) ? real : null
}
