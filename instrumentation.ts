// Next.js calls register() once per server instance and onRequestError for every uncaught server error.
import { captureRequestError, startServerMonitoring } from '@/lib/monitoring/server'

export function register(): void {
  startServerMonitoring()
}

export const onRequestError = captureRequestError
