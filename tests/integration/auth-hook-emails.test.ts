import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { LOCAL_STRIPE_SECRET_KEY, LOCAL_STRIPE_WEBHOOK_SECRET } from '@doulaos/local-stripe'
import { startLocalStack, type LocalStack } from '@doulaos/supabase-local'
import { createClient } from '@supabase/supabase-js'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_CRON_SECRET, LOCAL_RESEND_API_KEY, LOCAL_SEND_EMAIL_HOOK_SECRET } from '../../scripts/local-env.ts'
import { latestMail, messagesTo, type MailboxMessage } from '../helpers/mailbox.ts'

/*
 * The auth email types beyond sign-in (recovery, email change, reauthentication) through the real
 * send-email hook route, on a stack of its own: the hook on and pointed at the route, email
 * confirmations on (with autoconfirm an email change happens at once and sends nothing).
 */

const SITE = 'http://127.0.0.1:3998'
const HEALTH_CANARY = 'CANARY-placenta-previa'
const noSession = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } }

type RoutePost = (request: Request) => Promise<Response>
let POST: RoutePost
let stack: LocalStack
let hookServer: Server

const confirmLinkIn = (mail: MailboxMessage) => new URL(mail.links.find((link) => link.startsWith(`${SITE}/auth/confirm`)) ?? 'about:blank')
const address = (who: string) => `${who}-${randomUUID()}@example.com`

/** Serves the route handler over HTTP so the stand-in's auth server can call it as GoTrue would. */
function serveRoute(): Promise<Server> {
  const server = createServer((req, res) => {
    const parts: Buffer[] = []
    req.on('data', (part: Buffer) => parts.push(part))
    req.on('end', () => {
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
      POST(new Request(`${SITE}${req.url ?? '/'}`, { method: 'POST', headers, body: Buffer.concat(parts) }))
        .then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers))
          res.end(Buffer.from(await response.arrayBuffer()))
        })
        .catch((error: unknown) => {
          res.writeHead(500).end(String(error))
        })
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

function signedHookCall(payload: { email: string; newEmail?: string; type: string; token?: string; tokenHash?: string; tokenHashNew?: string }, id = `msg_${randomUUID()}`) {
  const body = JSON.stringify({
    metadata: { uuid: randomUUID(), time: new Date().toISOString(), name: 'send-email', ip_address: '127.0.0.1' },
    user: { id: randomUUID(), email: payload.email, new_email: payload.newEmail, user_metadata: { notes: HEALTH_CANARY } },
    email_data: {
      token: payload.token ?? '',
      token_hash: payload.tokenHash ?? '',
      redirect_to: `${SITE}/auth/confirm`,
      email_action_type: payload.type,
      site_url: `${stack.apiUrl}/auth/v1`,
      token_new: '',
      token_hash_new: payload.tokenHashNew ?? '',
      old_email: '',
    },
  })
  const at = new Date()
  return new Request(`${SITE}/api/auth/send-email`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(LOCAL_SEND_EMAIL_HOOK_SECRET.replace(/^v1,/, '')).sign(id, at, body),
    },
    body,
  })
}

beforeAll(async () => {
  hookServer = await serveRoute()
  const hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/api/auth/send-email`
  stack = await startLocalStack({
    ephemeral: true,
    seed: false,
    configure: (config) => {
      config.auth.sendEmailHook = { enabled: true, uri: hookUrl, secrets: [LOCAL_SEND_EMAIL_HOOK_SECRET] }
      config.auth.email.enableConfirmations = true
      config.auth.rateLimit = { emailSent: 1e6, signInSignUps: 1e6, tokenVerifications: 1e6, tokenRefresh: 1e6 }
      config.auth.email.maxFrequencySeconds = 0
    },
  })
  Object.assign(process.env, {
    NEXT_PUBLIC_SITE_URL: SITE,
    NEXT_PUBLIC_SUPABASE_URL: stack.apiUrl,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
    SEND_EMAIL_HOOK_SECRET: LOCAL_SEND_EMAIL_HOOK_SECRET,
    RESEND_API_KEY: LOCAL_RESEND_API_KEY,
    RESEND_BASE_URL: stack.mailboxUrl,
    EMAIL_FROM: 'DoulaOS <hello@doulaos.local>',
    CRON_SECRET: LOCAL_CRON_SECRET,
    STRIPE_SECRET_KEY: LOCAL_STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: LOCAL_STRIPE_WEBHOOK_SECRET,
  })
  ;({ POST } = await import('@/app/api/auth/send-email/route'))
})

afterAll(async () => {
  await stack?.stop()
  await new Promise((resolve) => hookServer?.close(resolve))
})

describe('send-email hook: recovery, email change and reauthentication', () => {
  it('sends an email change to the new address through the hook, and its link confirms the change', async () => {
    const before = address('before')
    const after = address('after')
    const admin = createClient(stack.apiUrl, stack.serviceRoleKey, noSession)
    const created = await admin.auth.admin.createUser({ email: before, email_confirm: true })
    expect(created.error).toBeNull()
    const link = await admin.auth.admin.generateLink({ type: 'magiclink', email: before })
    expect(link.error).toBeNull()
    const user = createClient(stack.apiUrl, stack.anonKey, noSession)
    const signedIn = await user.auth.verifyOtp({ type: 'magiclink', token_hash: link.data.properties?.hashed_token ?? '' })
    expect(signedIn.error).toBeNull()

    const { error } = await user.auth.updateUser({ email: after }, { emailRedirectTo: `${SITE}/auth/confirm` })
    expect(error).toBeNull()

    const mail = await latestMail(after, stack.mailboxUrl)
    expect(mail.subject).toBe('Confirm your new email address for DoulaOS')
    const confirm = confirmLinkIn(mail)
    expect(confirm.searchParams.get('type')).toBe('email_change')
    expect(await messagesTo(before, stack.mailboxUrl)).toEqual([])

    const verified = await createClient(stack.apiUrl, stack.anonKey, noSession).auth.verifyOtp({
      type: 'email_change',
      token_hash: confirm.searchParams.get('token_hash') ?? '',
    })
    expect(verified.error).toBeNull()
    expect(verified.data.user?.email).toBe(after)
  })

  it('sends a recovery email whose link signs in through the app', async () => {
    const to = address('recover')
    const res = await POST(signedHookCall({ email: to, type: 'recovery', tokenHash: 'pkce_recovery0123' }))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({})
    const mail = await latestMail(to, stack.mailboxUrl)
    expect(mail.subject).toBe('Get back into your DoulaOS account')
    const link = confirmLinkIn(mail)
    expect(link.searchParams.get('token_hash')).toBe('pkce_recovery0123')
    expect(link.searchParams.get('type')).toBe('recovery')
    expect(mail.html + mail.text).not.toContain(HEALTH_CANARY)
  })

  it('asks both addresses for a secure email change, once each even when GoTrue redelivers', async () => {
    const current = address('current')
    const next = address('next')
    const call = { email: current, newEmail: next, type: 'email_change', tokenHash: 'hash_for_new', tokenHashNew: 'hash_for_current' }
    const id = `msg_${randomUUID()}`
    expect((await POST(signedHookCall(call, id))).status).toBe(200)
    expect((await POST(signedHookCall(call, id))).status).toBe(200)

    expect(await messagesTo(current, stack.mailboxUrl)).toHaveLength(1)
    expect(await messagesTo(next, stack.mailboxUrl)).toHaveLength(1)
    const toCurrent = await latestMail(current, stack.mailboxUrl)
    expect(toCurrent.subject).toBe('Confirm the change of your DoulaOS email address')
    expect(toCurrent.text).toContain(next)
    expect(confirmLinkIn(toCurrent).searchParams.get('token_hash')).toBe('hash_for_current')
    expect(confirmLinkIn(await latestMail(next, stack.mailboxUrl)).searchParams.get('token_hash')).toBe('hash_for_new')
  })

  it('sends the reauthentication code, not in the subject, with no link', async () => {
    const to = address('reauth')
    const res = await POST(signedHookCall({ email: to, type: 'reauthentication', token: '493027' }))
    expect(res.status).toBe(200)
    const mail = await latestMail(to, stack.mailboxUrl)
    expect(mail.subject).toBe('Your DoulaOS confirmation code')
    expect(mail.text).toContain('493027')
    expect(mail.links.filter((link) => link.includes('/auth/confirm'))).toEqual([])
    expect(mail.html + mail.text).not.toContain(HEALTH_CANARY)
  })

  it('answers a payload it cannot build an email from with 400 and sends nothing', async () => {
    const to = address('broken')
    const res = await POST(signedHookCall({ email: to, type: 'email_change', tokenHash: 'hash_without_new_address' }))
    expect(res.status).toBe(400)
    expect(await messagesTo(to, stack.mailboxUrl)).toEqual([])
  })
})
