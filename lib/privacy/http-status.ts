import { isAppError, userFacingMessage } from '@/lib/errors'

const STATUS = { unauthorized: 401, forbidden: 403, not_found: 404, validation: 400, conflict: 409, rate_limited: 429, internal: 500 } as const

/** A route handler's JSON answer for a failure: AppError codes map to statuses, anything else is a 500. */
export function errorResponse(error: unknown, where: string): Response {
  if (!isAppError(error) || error.code === 'internal') console.error(`[${where}]`, error)
  const status = isAppError(error) ? STATUS[error.code] : 500
  return Response.json({ error: userFacingMessage(error) }, { status, headers: { 'cache-control': 'no-store' } })
}
