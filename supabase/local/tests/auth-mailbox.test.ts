import type { Server } from 'node:http'
import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAuthService } from '../auth/index.ts'
import { createGateway } from '../gateway.ts'
import { startLocalStack, type LocalStack } from '../index.ts'
import { loadKeys } from '../keys.ts'
import { createMailbox, type MailboxServer } from '../mailbox/index.ts'
import type { LocalContext } from '../types.ts'
import { AUTH_FIXTURE_DIR, uniqueEmail } from './auth-harness.ts'

/**
 * Without the send-email hook, Auth renders its own email into the stand-in's mailbox. The stack
 * does not expose its mailbox object, so this suite serves an Auth service of its own (same
 * database, real gateway) whose mailbox it can read.
 */
let stack: LocalStack
let mailbox: MailboxServer
let gateway: Server
let apiUrl = ''

beforeAll(async () => {
  stack = await startLocalStack({
    ephemeral: true,
    supabaseDir: AUTH_FIXTURE_DIR,
    seed: false,
    configure: (config) => {
      config.auth.sendEmailHook.enabled = false
      config.auth.email.maxFrequencySeconds = 0
    },
  })
  mailbox = createMailbox()
  const keys = await loadKeys()
  const ctx: LocalContext = {
    config: stack.config,
    keys,
    sql: stack.sql,
    urls: { api: stack.apiUrl, db: stack.dbUrl, mailbox: stack.mailboxUrl },
    supabaseDir: '',
    storageDir: '',
    stateDir: '',
    mailbox,
    log: () => {},
  }
  gateway = createGateway(keys, { '/auth/v1': await createAuthService(ctx) }, () => {})
  await new Promise<void>((ok) => gateway.listen(0, '127.0.0.1', () => ok()))
  apiUrl = `http://127.0.0.1:${(gateway.address() as { port: number }).port}`
})

afterAll(async () => {
  await new Promise<void>((ok) => gateway.close(() => ok()))
  await stack.stop()
})

describe('auth emails without the hook', () => {
  it('delivers a magic link whose ConfirmationURL verifies, with the code in the text', async () => {
    const email = uniqueEmail('mailbox')
    const client = createClient(apiUrl, stack.anonKey, { auth: { persistSession: false } })
    const sent = await client.auth.signInWithOtp({
      email,
      options: { emailRedirectTo: 'http://127.0.0.1:3000/auth/confirm' },
    })
    expect(sent.error).toBeNull()

    const mail = mailbox.messages().findLast((m) => m.to.includes(email))
    expect(mail).toMatchObject({ subject: 'Your Magic Link', to: [email] })
    const link = /(http:\/\/[^\s"]+\/verify\?[^\s"]+)/.exec(mail!.text ?? '')?.[1]
    expect(link).toBeDefined()
    const url = new URL(link!)
    expect(url.searchParams.get('type')).toBe('magiclink')
    expect(url.searchParams.get('redirect_to')).toBe('http://127.0.0.1:3000/auth/confirm')
    expect(mail!.html).toContain(url.searchParams.get('token'))
    const code = /code: (\d{6})/.exec(mail!.text ?? '')?.[1]

    const verified = await client.auth.verifyOtp({ email, token: code!, type: 'email' })
    expect(verified.error).toBeNull()
    expect(verified.data.user?.email).toBe(email)
  })

  it('titles invitations "You have been invited"', async () => {
    const email = uniqueEmail('invited')
    const admin = createClient(apiUrl, stack.serviceRoleKey, {
      auth: { persistSession: false },
    })
    expect((await admin.auth.admin.inviteUserByEmail(email)).error).toBeNull()
    const mail = mailbox.messages().findLast((m) => m.to.includes(email))
    expect(mail?.subject).toBe('You have been invited')
    expect(mail?.text).toContain('type=invite')
  })
})
