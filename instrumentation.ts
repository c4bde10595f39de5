// Next.js calls register() once per server instance and onRequestError for every uncaught server error.
import { captureRequestError, startServerMonitoring } from '@/lib/monitoring/server'

export async function register(): Promise<void> {
  await startServerMonitoring()
}

export const onRequestError = captureRequestError
