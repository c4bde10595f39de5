import type { ReactElement } from 'react'
import { z } from 'zod'
import { BILLING_NOTICES, BillingNoticeEmail, billingNoticeSubjects, type BillingNoticeKind } from '@/emails/billing-notice'
import { DeletionRequestEmail, deletionRequestSubject } from '@/emails/deletion-request'
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

const LinkPayload = z.object({ path: InAppPath })

/** Billing notices carry the billing page and, for some, a date (ISO 8601 from the Stripe event). */
const BillingPayload = z.object({ path: InAppPath, date: z.iso.datetime({ offset: true }).optional() })

const formatNoticeDate = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso))

const isBillingNotice = (template: string): template is BillingNoticeKind => (BILLING_NOTICES as readonly string[]).includes(template)

/** Thrown for a row no template can render: retrying cannot fix it. */
export class UnrenderableNotificationError extends Error {}

/** Every outbox template carries only a link: the email says what happened, never to whom or what. */
const TEMPLATES: Record<string, { subject: string; render: (link: string) => ReactElement }> = {
  'new-message': { subject: newMessageSubject, render: (link) => <NewMessageEmail link={link} /> },
  'deletion-request': { subject: deletionRequestSubject, render: (link) => <DeletionRequestEmail link={link} /> },
}

/** Turns an outbox row into the email to send; the row's idempotency key goes to the provider. */
export function renderNotification(row: NotificationRow, siteUrl: string): OutgoingEmail {
  // Own keys only: a template named like an Object.prototype member must not resolve.
  if (isBillingNotice(row.template)) {
    const payload = BillingPayload.safeParse(row.payload)
    if (!payload.success) throw new UnrenderableNotificationError(`${row.template} payload is invalid (${row.id})`)
    const link = new URL(payload.data.path, siteUrl).toString()
    const date = payload.data.date ? formatNoticeDate(payload.data.date) : null
    return {
      to: row.recipient,
      subject: billingNoticeSubjects[row.template],
      react: <BillingNoticeEmail kind={row.template} link={link} date={date} />,
      idempotencyKey: row.idempotency_key,
    }
  }
  const template = Object.hasOwn(TEMPLATES, row.template) ? TEMPLATES[row.template] : undefined
  if (template) {
    const payload = LinkPayload.safeParse(row.payload)
    if (!payload.success) throw new UnrenderableNotificationError(`${row.template} payload is invalid (${row.id})`)
    const link = new URL(payload.data.path, siteUrl).toString()
    return { to: row.recipient, subject: template.subject, react: template.render(link), idempotencyKey: row.idempotency_key }
  }
  throw new UnrenderableNotificationError(`Unknown notification template "${row.template}" (${row.id})`)
}
