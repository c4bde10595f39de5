import 'server-only'
import { createHash, timingSafeEqual } from 'node:crypto'
import { serverEnv } from '@/lib/env'
import { AppError } from '@/lib/errors'
import { errorResponse } from './http'

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/**
 * Whether `authorization` is exactly `Bearer <secret>`, compared in constant time (both sides are
 * hashed first, so neither the content nor the length leaks through timing). Fails closed: no
 * header, no secret or a short secret means no.
 */
export function isCronAuthorized(authorization: string | null, secret: string | undefined): boolean {
  if (!secret || secret.length < 16 || authorization === null) return false
  return timingSafeEqual(digest(authorization), digest(`Bearer ${secret}`))
}

/** CRON_SECRET, or undefined when the environment is invalid: a broken deploy refuses rather than opens. */
function configuredSecret(where: string): string | undefined {
  try {
    return serverEnv().CRON_SECRET
  } catch (error) {
    console.error(`[${where}] environment invalid`, error)
    return undefined
  }
}

/**
 * The one shape of a cron route (Vercel sends `Authorization: Bearer <CRON_SECRET>`): refused with
 * 401 unless the secret matches, then `run`'s result as uncached JSON; a failure is logged and
 * answered 500 through `errorResponse`.
 */
export function cronRoute(where: string, run: () => Promise<unknown>): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isCronAuthorized(request.headers.get('authorization'), configuredSecret(where))) {
      return errorResponse(new AppError({ code: 'unauthorized', message: 'Unauthorized' }), where)
    }
    try {
      return Response.json(await run(), { headers: { 'cache-control': 'no-store' } })
    } catch (error) {
      return errorResponse(error, where)
    }
  }
}
