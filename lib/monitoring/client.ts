import type * as SentrySdk from '@sentry/nextjs'

type Sentry = typeof SentrySdk

let started: Promise<Sentry> | null = null

/**
 * Starts browser error monitoring. The SDK and the scrubber are fetched only here, after the page is
 * interactive and only when a DSN is set, so they never add to a page's first-load JavaScript.
 */
export function startClientMonitoring(dsn: string): void {
  started ??= Promise.all([import('@sentry/nextjs'), import('./scrub')]).then(([Sentry, { scrubEvent }]) => {
    Sentry.init({ dsn, beforeSend: scrubEvent })
    return Sentry
  })
}

/** An error an error boundary caught (React does not pass those to window.onerror). */
export function reportClientError(error: unknown): void {
  void started?.then((Sentry) => Sentry.captureException(error))
}
