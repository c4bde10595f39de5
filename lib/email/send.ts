import 'server-only'
import { render } from '@react-email/render'
import type { ReactElement } from 'react'
import { Resend } from 'resend'
import { isDeployedProduction, serverEnv, type ServerEnv } from '@/lib/env'

export interface OutgoingEmail {
  to: string
  subject: string
  react: ReactElement
  /** Same key, same email: a retried delivery (e.g. a replayed webhook) is sent once. */
  idempotencyKey: string
  /** Files sent with the email, such as an appointment's `.ics`. */
  attachments?: { filename: string; content: string; contentType: string }[]
}

/** Refuses a production deploy that would send mail to a local mailbox or with a local key. */
export function assertDeliverable(env: ServerEnv) {
  if (!isDeployedProduction(env)) return
  const base = env.RESEND_BASE_URL
  if (base && !base.startsWith('https://')) {
    throw new Error(`RESEND_BASE_URL is ${base} in production: unset it (or use https) so email reaches people`)
  }
  if (env.RESEND_API_KEY === 're_local_mailbox') {
    throw new Error('RESEND_API_KEY is the local mailbox key in production: set a real Resend API key')
  }
}

/** The one way the app sends email. Throws when delivery fails so callers (and retries) know. */
export async function sendEmail(email: OutgoingEmail): Promise<{ id: string }> {
  const env = serverEnv()
  assertDeliverable(env)
  const resend = new Resend(env.RESEND_API_KEY, env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : undefined)
  const [html, text] = await Promise.all([render(email.react), render(email.react, { plainText: true })])
  const { data, error } = await resend.emails.send(
    {
      from: env.EMAIL_FROM,
      to: email.to,
      subject: email.subject,
      html,
      text,
      ...(email.attachments
        ? { attachments: email.attachments.map((a) => ({ filename: a.filename, content: Buffer.from(a.content).toString('base64'), contentType: a.contentType })) }
        : {}),
    },
    { idempotencyKey: email.idempotencyKey },
  )
  if (error || !data) {
    throw new Error(`Email to ${email.to} was not sent: ${error?.name ?? 'no response'}: ${error?.message ?? ''}`)
  }
  return { id: data.id }
}
