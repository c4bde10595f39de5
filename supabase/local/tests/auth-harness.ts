import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { fileURLToPath } from 'node:url'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import { Webhook } from 'standardwebhooks'
import { startLocalStack, type LocalStack } from '../index.ts'
import type { LocalConfig } from '../config.ts'

/** config.toml of the Auth suites' project: typical auth settings, no schema of its own. */
export const AUTH_FIXTURE_DIR = fileURLToPath(new URL('./fixtures/auth/', import.meta.url))

/** A valid Standard Webhooks secret as config.toml writes it (`v1,whsec_<base64>`). */
export const HOOK_SECRET = `v1,whsec_${Buffer.from('auth-suite-signing-key-0123456789').toString('base64')}`

export interface HookCall {
  headers: IncomingHttpHeaders
  raw: string
  body: HookPayload
}

export interface HookPayload {
  metadata: { uuid: string; time: string; name: string; ip_address: string }
  user: { id: string; email: string; [key: string]: unknown }
  email_data: {
    token: string
    token_hash: string
    redirect_to: string
    email_action_type: string
    site_url: string
    [key: string]: unknown
  }
}

export interface HookReply {
  /** 0 = never answer (the connection stays open until the caller gives up). */
  status: number
  headers?: Record<string, string>
  body?: string
}

/** A send-email hook receiver: records every call; answers from `queue` first, then with `reply` (204 by default). */
export class HookReceiver {
  readonly calls: HookCall[] = []
  reply: HookReply = { status: 204 }
  queue: HookReply[] = []
  private server: Server | undefined
  url = ''

  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        this.calls.push({ headers: req.headers, raw, body: JSON.parse(raw) as HookPayload })
        const reply = this.queue.shift() ?? this.reply
        if (reply.status === 0) return
        res.writeHead(reply.status, reply.headers ?? {})
        res.end(reply.body)
      })
    })
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', () => ok()))
    const { port } = this.server.address() as { port: number }
    this.url = `http://127.0.0.1:${port}/hooks/send-email`
  }

  async stop() {
    const server = this.server
    if (!server) return
    await new Promise<void>((ok) => {
      server.close(() => ok())
      server.closeAllConnections()
    })
  }

  /** The latest call addressed to `email`. */
  lastFor(email: string): HookCall {
    const call = this.calls.findLast((c) => c.body.user.email === email || c.body.user.new_email === email)
    if (!call) throw new Error(`no hook call for ${email}`)
    return call
  }

  /** Verifies a call's Standard Webhooks signature with `secret`; throws when it does not match. */
  static verify(call: HookCall, secret = HOOK_SECRET): unknown {
    return new Webhook(secret.slice('v1,'.length)).verify(call.raw, {
      'webhook-id': String(call.headers['webhook-id']),
      'webhook-timestamp': String(call.headers['webhook-timestamp']),
      'webhook-signature': String(call.headers['webhook-signature']),
    })
  }
}

export interface AuthStack {
  stack: LocalStack
  hook: HookReceiver
  /** The live config: changes apply to the next request. */
  config: LocalConfig['auth']
  anon(): SupabaseClient
  admin(): SupabaseClient
  authUrl: string
  stop(): Promise<void>
}

const noSession = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
}

/** An ephemeral stack with the send-email hook pointed at a local receiver; IP limits lifted. */
export async function startAuthStack(configure?: (auth: LocalConfig['auth']) => void): Promise<AuthStack> {
  const hook = new HookReceiver()
  await hook.start()
  const stack = await startLocalStack({
    ephemeral: true,
    supabaseDir: AUTH_FIXTURE_DIR,
    seed: false,
    configure: (config) => {
      config.auth.sendEmailHook = { enabled: true, uri: hook.url, secrets: [HOOK_SECRET] }
      config.auth.rateLimit = { emailSent: 1e6, signInSignUps: 1e6, tokenVerifications: 1e6, tokenRefresh: 1e6 }
      config.auth.email.maxFrequencySeconds = 0
      configure?.(config.auth)
    },
  })
  return {
    stack,
    hook,
    config: stack.config.auth,
    anon: () => createClient(stack.apiUrl, stack.anonKey, noSession),
    admin: () => createClient(stack.apiUrl, stack.serviceRoleKey, noSession),
    authUrl: `${stack.apiUrl}/auth/v1`,
    stop: async () => {
      await stack.stop()
      await hook.stop()
    },
  }
}

let counter = 0
/** A fresh address per test, so tests never share users. */
export const uniqueEmail = (tag: string) => `${tag}-${Date.now().toString(36)}-${++counter}@example.com`

/** Signs a new user in through generate_link + verifyOtp; returns the client holding the session. */
export async function signedInClient(s: AuthStack, email = uniqueEmail('user')) {
  const { data, error } = await s.admin().auth.admin.generateLink({ type: 'magiclink', email })
  if (error) throw error
  const client = s.anon()
  const verified = await client.auth.verifyOtp({ token_hash: data.properties.hashed_token, type: 'signup' })
  if (verified.error || !verified.data.session) throw verified.error ?? new Error('no session')
  return { client, session: verified.data.session, user: verified.data.session.user, email }
}
