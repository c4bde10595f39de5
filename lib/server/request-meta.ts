import 'server-only'
import { headers } from 'next/headers'
import { requestMetaFrom, type RequestMeta } from '@/lib/security/client-ip'

/**
 * Who sent the request an action is handling: the address the platform's proxy vouches for and the
 * browser, for audit events and signature evidence. Route handlers pass `request.headers` to
 * `requestMetaFrom` instead.
 */
export async function currentRequestMeta(): Promise<RequestMeta> {
  return requestMetaFrom(await headers())
}
