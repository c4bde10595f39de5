import 'server-only'
import { headers } from 'next/headers'
import { requestMetaFrom, type RequestMeta } from '@/lib/security/client-ip'

export type Evidence = RequestMeta

/** Who-signed-from-where for the request being handled: the platform proxy's address header and the browser. */
export async function requestEvidence(): Promise<Evidence> {
  return requestMetaFrom(await headers())
}
