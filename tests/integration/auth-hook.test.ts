import { randomUUID } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_SEND_EMAIL_HOOK_SECRET } from '../../scripts/local-env.ts'
import { latestMail, messagesTo } from '../helpers/mailbox.ts'
import { useAppEnv } from '../helpers/app-session.ts'
import { stack } from '../helpers/stack.ts'

const SITE = 'http://127.0.0.1:3999'
const HEALTH_CANARY = 'CANARY-gestational-diabetes'

type RoutePost = (request: Request) => Promise<Response>
let POST: RoutePost

function hookPayload(email: string, type: string, extra: { redirectTo?: string; metadata?: object } = {}) {
  return JSON.stringify({
    metadata: { uuid: randomUUID(), time: new Date().toISOString(), name: 'send-email', ip_address: '127.0.0.1' },
    user: {
      id: randomUUID(),
      email,
      user_metadata: { full_name: 'Amara Okafor', practice_name: 'Willow Birth Support', notes: HEALTH_CANARY, ...extra.metadata },
    },
    email_data: {
      token: '123456',
      token_hash: `pkce_${randomUUID().replaceAll('-', '')}`,
      redirect_to: extra.redirectTo ?? `${SITE}/auth/confirm`,
      email_action_type: type,
      site_url: `${stack().apiUrl}/auth/v1`,
      token_new: '',
      token_hash_new: '',
    },
  })
}

/** Signs like GoTrue: Standard Webhooks over `<id>.<timestamp>.<body>` with the shared secret. */
function signedRequest(body: string, options: { id?: string; secret?: string; at?: Date } = {}) {
  const id = options.id ?? `msg_${randomUUID()}`
  const at = options.at ?? new Date()
  const secret = (options.secret ?? LOCAL_SEND_EMAIL_HOOK_SECRET).replace(/^v1,/, '')
  const signature = new Webhook(secret).sign(id, at, body)
  return new Request(`${SITE}/api/auth/send-email`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body,
  })
}

const address = () => `doula-${randomUUID()}@example.com`

beforeAll(async () => {
  useAppEnv({ NEXT_PUBLIC_SITE_URL: SITE })
  ;({ POST } = await import('@/app/api/auth/send-email/route'))
})

describe('POST /api/auth/send-email', () => {
  it('rejects a request without a signature and sends nothing', async () => {
    const to = address()
    const res = await POST(
      new Request(`${SITE}/api/auth/send-email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: hookPayload(to, 'magiclink'),
      }),
    )
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: { http_code: 401, message: 'Invalid or missing webhook signature' } })
    expect(await messagesTo(to)).toEqual([])
  })

  it('rejects a signature made with another secret, a tampered body and a stale timestamp', async () => {
    const to = address()
    const body = hookPayload(to, 'magiclink')
    const wrongSecret = 'v1,whsec_' + Buffer.from('another-secret-another-secret-000').toString('base64')
    expect((await POST(signedRequest(body, { secret: wrongSecret }))).status).toBe(401)

    const tampered = signedRequest(body)
    const forged = new Request(tampered.url, {
      method: 'POST',
      headers: tampered.headers,
      body: body.replace('magiclink', 'invite'),
    })
    expect((await POST(forged)).status).toBe(401)

    const stale = new Date(Date.now() - 10 * 60 * 1000)
    expect((await POST(signedRequest(body, { at: stale }))).status).toBe(401)
    expect(await messagesTo(to)).toEqual([])
  })

  it('delivers a branded magic link to the app’s confirm route, carrying no health data', async () => {
    const to = address()
    const body = hookPayload(to, 'magiclink', { redirectTo: `${SITE}/auth/confirm?next=%2Fdashboard%2Fclients` })
    const res = await POST(signedRequest(body))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(await res.json()).toEqual({})

    const mail = await latestMail(to)
    expect(mail.subject).toBe('Your DoulaOS sign-in link')
    const tokenHash = (JSON.parse(body) as { email_data: { token_hash: string } }).email_data.token_hash
    const link = new URL(mail.links.find((l) => l.includes('/auth/confirm')) ?? '')
    expect(link.origin).toBe(SITE)
    expect(link.pathname).toBe('/auth/confirm')
    expect(link.searchParams.get('token_hash')).toBe(tokenHash)
    expect(link.searchParams.get('type')).toBe('magiclink')
    expect(link.searchParams.get('next')).toBe('/dashboard/clients')
    expect(mail.html).not.toContain(HEALTH_CANARY)
    expect(mail.text).not.toContain(HEALTH_CANARY)
    expect(mail.text).toContain('expires in 10 minutes')
  })

  it('uses the signup template and drops a foreign next', async () => {
    const to = address()
    const res = await POST(signedRequest(hookPayload(to, 'signup', { redirectTo: `${SITE}/auth/confirm?next=//evil.com` })))
    expect(res.status).toBe(200)
    const mail = await latestMail(to)
    expect(mail.subject).toBe('Confirm your email to open your DoulaOS practice')
    expect(mail.html).toContain('Welcome to DoulaOS, Amara')
    const link = new URL(mail.links.find((l) => l.includes('/auth/confirm')) ?? '')
    expect(link.searchParams.get('type')).toBe('signup')
    expect(link.searchParams.has('next')).toBe(false)
  })

  it('sends an invitation that lands in the portal, with a subject that reveals nothing', async () => {
    const to = address()
    const res = await POST(signedRequest(hookPayload(to, 'invite', { metadata: { invited_to_practice_name: 'Willow Birth Support' } })))
    expect(res.status).toBe(200)
    const mail = await latestMail(to)
    expect(mail.subject).toBe('You are invited to DoulaOS')
    expect(mail.text).toContain('Willow Birth Support uses DoulaOS')
    const link = new URL(mail.links.find((l) => l.includes('/auth/confirm')) ?? '')
    expect(link.searchParams.get('next')).toBe('/portal')
  })

  it('sends a redelivered webhook (same webhook-id) only once', async () => {
    const to = address()
    const body = hookPayload(to, 'magiclink')
    const id = `msg_${randomUUID()}`
    expect((await POST(signedRequest(body, { id }))).status).toBe(200)
    expect((await POST(signedRequest(body, { id }))).status).toBe(200)
    expect(await messagesTo(to)).toHaveLength(1)
  })

  it('answers an email type it does not send with a hook error and sends nothing', async () => {
    const to = address()
    const res = await POST(signedRequest(hookPayload(to, 'password_changed_notification')))
    expect(await res.json()).toEqual({ error: { http_code: 422, message: 'Email type password_changed_notification is not supported' } })
    expect(await messagesTo(to)).toEqual([])
  })
})
