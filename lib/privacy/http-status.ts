import { isAppError, userFacingMessage } from '@/lib/errors'
import { RateLimitedError } from '@/lib/security/rate-limit'

const STATUS = { unauthorized: 401, forbidden: 403, not_found: 404, validation: 400, conflict: 409, rate_limited: 429, internal: 500 } as const

/** A route handler's JSON answer for a failure: AppError codes map to statuses, anything else is a 500. */
export function errorResponse(error: unknown, where: string): Response {
  if (!isAppError(error) || error.code === 'internal') console.error(`[${where}]`, error)
  const status = isAppError(error) ? STATUS[error.code] : 500
  const headers: Record<string, string> = { 'cache-control': 'no-store' }
  if (error instanceof RateLimitedError) headers['retry-after'] = String(error.retryAfterSeconds)
  return Response.json({ error: userFacingMessage(error) }, { status, headers })
}
