import 'server-only'
import * as Sentry from '@sentry/nextjs'
import { sentryDsn } from '@/lib/env'
import { scrubEvent } from './scrub'

/** Starts server-side error monitoring when SENTRY_DSN is set; without it nothing is sent anywhere. */
export function startServerMonitoring(): void {
  const dsn = sentryDsn()
  if (!dsn) return
  Sentry.init({ dsn, beforeSend: scrubEvent })
}

/** Errors Next.js reports from server components, route handlers, actions and the proxy. */
export const captureRequestError = Sentry.captureRequestError

/** An unexpected error the app caught and answered generically; a no-op while monitoring is off. */
export function reportServerError(error: unknown, where: string): void {
  Sentry.captureException(error, { tags: { where } })
}
