import 'server-only'
import { isAppError, userFacingMessage, type AppErrorCode } from '@/lib/errors'
import { reportServerError } from '@/lib/monitoring/server'
import { RateLimitedError } from '@/lib/security/rate-limit'

const STATUS: Record<AppErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  validation: 400,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
}

/** The HTTP status an error answers with: AppError codes map one to one, anything else is a 500. */
const statusOf = (error: unknown): number => (isAppError(error) ? STATUS[error.code] : 500)

/**
 * The one answer a route handler gives for a failure: `{ error: message }` as JSON with the status
 * of its code, never cached; a rate limit adds Retry-After. Unexpected errors are logged under
 * `where` and reach the caller only as the generic message.
 */
export function errorResponse(error: unknown, where: string): Response {
  if (!isAppError(error) || error.code === 'internal') {
    console.error(`[${where}]`, error)
    reportServerError(error, where)
  }
  const headers: Record<string, string> = { 'cache-control': 'no-store' }
  if (error instanceof RateLimitedError) headers['retry-after'] = String(error.retryAfterSeconds)
  return Response.json({ error: userFacingMessage(error) }, { status: statusOf(error), headers })
}
