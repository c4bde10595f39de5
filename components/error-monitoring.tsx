'use client'
import { useEffect } from 'react'
import { startClientMonitoring } from '@/lib/monitoring/client'

/** Turns on browser error monitoring when the server passes a DSN (SENTRY_DSN); renders nothing. */
export function ErrorMonitoring({ dsn }: { dsn: string | undefined }) {
  useEffect(() => {
    if (dsn) startClientMonitoring(dsn)
  }, [dsn])
  return null
}
