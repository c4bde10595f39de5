import 'server-only'
import type * as SentryModule from '@sentry/nextjs'
import type { Instrumentation } from 'next'
import { sentryDsn } from '@/lib/env'
import { scrubEvent } from './scrub'

type SentrySdk = typeof SentryModule

/** The SDK once monitoring has started; it is loaded only when SENTRY_DSN is set (it costs ~40 MiB of RSS). */
let sentry: SentrySdk | undefined

/** Starts server-side error monitoring when SENTRY_DSN is set; without it nothing is loaded or sent. */
export async function startServerMonitoring(): Promise<void> {
  const dsn = sentryDsn()
  if (!dsn) return
  const sdk = await import('@sentry/nextjs')
  sdk.init({ dsn, beforeSend: scrubEvent })
  sentry = sdk
}

/** Errors Next.js reports from server components, route handlers, actions and the proxy. */
export const captureRequestError: Instrumentation.onRequestError = (error, request, context) => {
  sentry?.captureRequestError(error, request, context)
}

/** An unexpected error the app caught and answered generically; a no-op while monitoring is off. */
export function reportServerError(error: unknown, where: string): void {
  sentry?.captureException(error, { tags: { where } })
}
