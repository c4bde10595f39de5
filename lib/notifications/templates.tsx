import type { ReactElement } from 'react'
import { z } from 'zod'
import { AppointmentReminderEmail, appointmentReminderSubject } from '@/emails/appointment-reminder'
import { BILLING_NOTICES, BillingNoticeEmail, billingNoticeSubjects, type BillingNoticeKind } from '@/emails/billing-notice'
import { DeletionRequestEmail, deletionRequestSubject } from '@/emails/deletion-request'
import { FormCountersignEmail, formCountersignSubject } from '@/emails/form-countersign'
import { FormRequestEmail, formRequestSubject } from '@/emails/form-request'
import { InquiryReceivedEmail, inquiryReceivedSubject } from '@/emails/inquiry-received'
import { NewInquiryEmail, newInquirySubject } from '@/emails/new-inquiry'
import { NewMessageEmail, newMessageSubject } from '@/emails/new-message'
import { PartnerSignatureEmail, partnerSignatureSubject } from '@/emails/partner-signature'
import { buildSingleEvent } from '@/lib/calendar/ics'
import { formatIn, type DateFormat } from '@/lib/dates/zoned-format'
import { formatLongDate } from '@/lib/paperwork/fields'
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
const PracticeName = z.string().trim().min(1).max(200)
const FormPayload = LinkPayload.extend({
  practiceName: PracticeName,
  kind: z.enum(['intake', 'agreement']),
  dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
})
/** Partner signatures and inquiries: a link and the practice's name (its brand). */
const PartnerPayload = LinkPayload.extend({ practiceName: PracticeName })

/** Billing notices carry the billing page and, for some, a date (ISO 8601) and the day the data goes. */
const NoticeDate = z.iso.datetime({ offset: true })
const BillingPayload = z.object({ path: InAppPath, date: NoticeDate.optional(), eraseOn: NoticeDate.optional() })

/** A reminder carries the times (UTC) and the zone to write them in; the email and its `.ics` come from them. */
const ReminderPayload = LinkPayload.extend({
  appointmentId: z.uuid(),
  practiceName: PracticeName,
  timeZone: z.string().min(1).refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone })
      return true
    } catch {
      return false
    }
  }),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  audience: z.enum(['client', 'doula']),
})

const REMINDER_TIME: DateFormat = { locale: 'en-US', options: { dateStyle: 'full', timeStyle: 'short' } }
const REMINDER_ZONE: DateFormat = { locale: 'en-US', options: { timeZoneName: 'short' } }

/** "Tuesday, March 9, 2027 at 10:00 AM EST": the start in the practice's zone, the zone named. */
export function formatReminderTime(iso: string, timeZone: string): string {
  const at = new Date(iso)
  const zone = formatIn(REMINDER_ZONE, timeZone).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value
  return `${formatIn(REMINDER_TIME, timeZone).format(at)}${zone ? ` ${zone}` : ''}`
}

const formatNoticeDate = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso))

/** Thrown for a row no template can render: retrying cannot fix it. */
export class UnrenderableNotificationError extends Error {}

interface Template<P extends { path: string }> {
  payload: z.ZodType<P>
  subject: (payload: P) => string
  render: (link: string, payload: P) => ReactElement
  attachments?: (payload: P) => OutgoingEmail['attachments']
}

/** An outbox row's email, once its template has parsed the row's payload. */
interface PreparedEmail {
  path: string
  subject: string
  render: (link: string) => ReactElement
  attachments?: OutgoingEmail['attachments']
}

/**
 * The registry holds templates of different payloads: each one keeps its payload's type to itself
 * and parses the row's payload before anything renders (null when it does not fit).
 */
const template =
  <P extends { path: string }>(t: Template<P>) =>
  (raw: unknown): PreparedEmail | null => {
    const parsed = t.payload.safeParse(raw)
    if (!parsed.success) return null
    const payload = parsed.data
    return { path: payload.path, subject: t.subject(payload), render: (link) => t.render(link, payload), attachments: t.attachments?.(payload) }
  }

const formRequest = (reminder: boolean) =>
  template({
    payload: FormPayload,
    subject: (p) => formRequestSubject({ practiceName: p.practiceName, kind: p.kind, reminder }),
    render: (link, p) => (
      <FormRequestEmail link={link} practiceName={p.practiceName} kind={p.kind} dueOn={p.dueOn ? formatLongDate(p.dueOn) : null} reminder={reminder} />
    ),
  })

/**
 * Every outbox template carries a link: the email says what happened, never to whom or what. The
 * paperwork emails add the practice's name (its brand) and, for her forms, whether it is a form or
 * an agreement and its due date.
 */
const TEMPLATES: Record<string, (payload: unknown) => PreparedEmail | null> = {
  'new-message': template({ payload: LinkPayload, subject: () => newMessageSubject, render: (link) => <NewMessageEmail link={link} /> }),
  'deletion-request': template({ payload: LinkPayload, subject: () => deletionRequestSubject, render: (link) => <DeletionRequestEmail link={link} /> }),
  'form-request': formRequest(false),
  'form-reminder': formRequest(true),
  'appointment-reminder': template({
    payload: ReminderPayload,
    subject: (p) => appointmentReminderSubject(p.practiceName),
    render: (link, p) => (
      <AppointmentReminderEmail link={link} practiceName={p.practiceName} when={formatReminderTime(p.startsAt, p.timeZone)} audience={p.audience} />
    ),
    attachments: (p) => [
      {
        filename: 'appointment.ics',
        contentType: 'text/calendar; charset=utf-8',
        content: buildSingleEvent({ id: p.appointmentId, title: `Appointment with ${p.practiceName}`, startsAt: p.startsAt, endsAt: p.endsAt }),
      },
    ],
  }),
  'form-countersign': template({ payload: LinkPayload, subject: () => formCountersignSubject, render: (link) => <FormCountersignEmail link={link} /> }),
  'partner-signature': template({
    payload: PartnerPayload,
    subject: (p) => partnerSignatureSubject(p.practiceName),
    render: (link, p) => <PartnerSignatureEmail link={link} practiceName={p.practiceName} />,
  }),
  'new-inquiry': template({
    payload: PartnerPayload,
    subject: (p) => newInquirySubject(p.practiceName),
    render: (link, p) => <NewInquiryEmail link={link} practiceName={p.practiceName} />,
  }),
  'inquiry-received': template({
    payload: PartnerPayload,
    subject: (p) => inquiryReceivedSubject(p.practiceName),
    render: (link, p) => <InquiryReceivedEmail link={link} practiceName={p.practiceName} />,
  }),
  ...Object.fromEntries(
    BILLING_NOTICES.map((kind: BillingNoticeKind) => [
      kind,
      template({
        payload: BillingPayload,
        subject: () => billingNoticeSubjects[kind],
        render: (link, p) => <BillingNoticeEmail kind={kind} link={link} date={p.date ? formatNoticeDate(p.date) : null} eraseOn={p.eraseOn ? formatNoticeDate(p.eraseOn) : null} />,
      }),
    ]),
  ),
}

/** Turns an outbox row into the email to send; the row's idempotency key goes to the provider. */
export function renderNotification(row: NotificationRow, siteUrl: string): OutgoingEmail {
  // Own keys only: a template named like an Object.prototype member must not resolve.
  const found = Object.hasOwn(TEMPLATES, row.template) ? TEMPLATES[row.template] : undefined
  if (found) {
    const email = found(row.payload)
    if (!email) throw new UnrenderableNotificationError(`${row.template} payload is invalid (${row.id})`)
    const link = new URL(email.path, siteUrl).toString()
    return {
      to: row.recipient,
      subject: email.subject,
      react: email.render(link),
      idempotencyKey: row.idempotency_key,
      ...(email.attachments ? { attachments: email.attachments } : {}),
    }
  }
  throw new UnrenderableNotificationError(`Unknown notification template "${row.template}" (${row.id})`)
}
