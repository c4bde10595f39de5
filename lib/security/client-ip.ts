import 'server-only'
import { isIP } from 'node:net'
import { serverEnv, type ServerEnv } from '@/lib/env'

/** Who sent a request, as far as the platform vouches for it: recorded with audit events and evidence. */
export interface RequestMeta {
  /** The visitor's address from the platform proxy's own header; null when no trusted header is known. */
  ip: string | null
  userAgent: string | null
}

/**
 * The header the host's proxy sets to the visitor's address, overwriting whatever she sent: Vercel
 * sets x-real-ip (its docs: "the public IP address of the client", and it overwrites
 * X-Forwarded-For). Without a known proxy, no header can be trusted: the first X-Forwarded-For hop
 * is whatever the caller wrote.
 */
export function trustedIpHeader(env: Pick<ServerEnv, 'TRUSTED_IP_HEADER' | 'VERCEL'> = serverEnv()): string | null {
  return env.TRUSTED_IP_HEADER ?? (env.VERCEL ? 'x-real-ip' : null)
}

export function requestMetaFrom(headers: Headers, env?: Pick<ServerEnv, 'TRUSTED_IP_HEADER' | 'VERCEL'>): RequestMeta {
  const name = trustedIpHeader(env)
  const raw = name ? headers.get(name)?.trim() : undefined
  return {
    ip: raw && isIP(raw) ? raw : null,
    userAgent: headers.get('user-agent')?.slice(0, 512) ?? null,
  }
}
