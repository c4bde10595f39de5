// POST /api/auth/send-email — Supabase Auth's Send Email hook (Standard Webhooks signed); renders and sends auth emails.
import { Webhook, WebhookVerificationError } from 'standardwebhooks'
import { buildAuthEmails, SendEmailHookSchema } from '@/lib/email/auth-email'
import { sendEmail } from '@/lib/email/send'
import { serverEnv } from '@/lib/env'

/** Supabase turns `{ error: { http_code, message } }` into the API error its caller sees (contract §8). */
function hookError(status: number, message: string): Response {
  return Response.json({ error: { http_code: status, message } }, { status })
}

function verify(body: string, headers: Headers): boolean {
  // Supabase shows the secret as `v1,whsec_<base64>`; the library wants the `whsec_` part.
  const secret = serverEnv().SEND_EMAIL_HOOK_SECRET.replace(/^v1,/, '')
  const required = {
    'webhook-id': headers.get('webhook-id') ?? '',
    'webhook-timestamp': headers.get('webhook-timestamp') ?? '',
    'webhook-signature': headers.get('webhook-signature') ?? '',
  }
  try {
    new Webhook(secret).verify(body, required)
    return true
  } catch (error) {
    if (error instanceof WebhookVerificationError) return false
    throw error
  }
}

export async function POST(request: Request): Promise<Response> {
  const body = await request.text()
  if (!verify(body, request.headers)) return hookError(401, 'Invalid or missing webhook signature')

  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return hookError(400, 'Body is not JSON')
  }
  const payload = SendEmailHookSchema.safeParse(json)
  if (!payload.success) return hookError(400, 'Payload does not match the send-email hook shape')

  const emails = buildAuthEmails(serverEnv().NEXT_PUBLIC_SITE_URL, payload.data)
  if (!emails) {
    return Response.json({
      error: { http_code: 422, message: `Email type ${payload.data.email_data.email_action_type} is not supported` },
    })
  }
  // GoTrue redelivers with the same webhook-id: one key per email of the call makes a retry a no-op.
  const webhookId = request.headers.get('webhook-id') ?? ''
  try {
    for (const [index, email] of emails.entries()) {
      await sendEmail({ ...email, idempotencyKey: index === 0 ? webhookId : `${webhookId}:${index}` })
    }
  } catch (error) {
    console.error('[send-email hook]', error)
    return hookError(500, 'The email could not be sent. Please try again.')
  }
  return Response.json({})
}
