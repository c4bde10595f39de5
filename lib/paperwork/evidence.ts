import 'server-only'
import { headers } from 'next/headers'
import { trustedClientIp } from '@/lib/security/trusted-ip'

export interface Evidence {
  ip: string | null
  userAgent: string | null
}

/** Who-signed-from-where for the request being handled: the trusted IP hop and the browser. */
export async function requestEvidence(): Promise<Evidence> {
  const h = await headers()
  return { ip: trustedClientIp(h), userAgent: h.get('user-agent')?.slice(0, 512) ?? null }
}
