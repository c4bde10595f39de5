import { z } from 'zod'
import { NewMessageEmail, newMessageSubject } from '@/emails/new-message'
import type { OutgoingEmail } from '@/lib/email/send'

/** A claimed outbox row, as claim_notifications returns it. */
export const NotificationRowSchema = z.object({
  id: z.uuid(),
  recipient: z.string(),
  template: z.string(),
  payload: z.record(z.string(), z.unknown()),
  attempts: z.number().int(),
  idempotency_key: z.string(),
})
export type NotificationRow = z.infer<typeof NotificationRowSchema>

/** Payload paths are in-app paths only, so a row can never turn an email into an open redirect. */
const InAppPath = z.string().regex(/^\/(?!\/)[A-Za-z0-9/_-]*$/)

const NewMessagePayload = z.object({ path: InAppPath })

/** Thrown for a row no template can render: retrying cannot fix it. */
export class UnrenderableNotificationError extends Error {}

/** Turns an outbox row into the email to send; the row's idempotency key goes to the provider. */
export function renderNotification(row: NotificationRow, siteUrl: string): OutgoingEmail {
  if (row.template === 'new-message') {
    const payload = NewMessagePayload.safeParse(row.payload)
    if (!payload.success) throw new UnrenderableNotificationError(`new-message payload is invalid (${row.id})`)
    const link = new URL(payload.data.path, siteUrl).toString()
    return {
      to: row.recipient,
      subject: newMessageSubject,
      react: <NewMessageEmail link={link} />,
      idempotencyKey: row.idempotency_key,
    }
  }
  throw new UnrenderableNotificationError(`Unknown notification template "${row.template}" (${row.id})`)
}
