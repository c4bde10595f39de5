import 'server-only'
import type { OutgoingEmail } from '@/lib/email/send'
import { dbFailure, type Db } from '@/lib/server/db'
import { NotificationRowSchema, renderNotification, UnrenderableNotificationError } from './templates'

export type Deliver = (email: OutgoingEmail) => Promise<{ id: string }>

export interface DrainResult {
  claimed: number
  sent: number
  failed: number
}

export interface DrainOptions {
  /** A service-role client: the outbox functions are granted to service_role only. */
  admin: Db
  deliver: Deliver
  siteUrl: string
  batchSize?: number
  /** An unrenderable row can never succeed: it is given this many attempts, i.e. failed at once. */
  maxAttempts?: number
}

const MAX_ATTEMPTS = 10

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Sends one batch of due notifications. Each row is sent with its own idempotency key, so a row
 * whose send succeeded but whose settle failed is re-sent after its lease and the provider drops
 * the duplicate: every email is delivered exactly once.
 */
export async function drainOutbox({ admin, deliver, siteUrl, batchSize = 25, maxAttempts = MAX_ATTEMPTS }: DrainOptions): Promise<DrainResult> {
  const { data, error } = await admin.rpc('claim_notifications', { batch_size: batchSize })
  if (error) throw dbFailure('claim notifications', error)
  const rows = NotificationRowSchema.array().parse(data)
  const result: DrainResult = { claimed: rows.length, sent: 0, failed: 0 }
  for (const row of rows) {
    let settle: { provider_message_id?: string; error?: string; max_attempts: number }
    try {
      const sent = await deliver(renderNotification(row, siteUrl))
      settle = { provider_message_id: sent.id, max_attempts: maxAttempts }
      result.sent += 1
    } catch (sendError) {
      const permanent = sendError instanceof UnrenderableNotificationError
      settle = { error: errorText(sendError), max_attempts: permanent ? 0 : maxAttempts }
      result.failed += 1
    }
    const settled = await admin.rpc('settle_notification', { notification_id: row.id, ...settle })
    // The lease expires and the row is retried with the same key, so a lost settle never duplicates mail.
    if (settled.error) console.error('[outbox] could not settle', row.id, settled.error.message)
  }
  return result
}
