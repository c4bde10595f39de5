'use client'
import { useEffect } from 'react'
import { buttonVariants } from '@/components/ui/button-variants'
import { GENERIC_ERROR_MESSAGE } from '@/lib/errors'
import { reportClientError } from '@/lib/monitoring/client'

/** Never shows the error itself: its message may carry internals. The digest lets support find the log. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => reportClientError(error), [error])
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">This page could not load</h1>
      <p className="max-w-md text-muted-foreground">{GENERIC_ERROR_MESSAGE}</p>
      {error.digest ? <p className="text-xs text-muted-foreground">Reference: {error.digest}</p> : null}
      <button type="button" className={buttonVariants()} onClick={reset}>
        Try again
      </button>
    </main>
  )
}
