import { createServerClient } from '@supabase/ssr'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  HOOK_SECRET,
  HookReceiver,
  realtimeOptions,
  startAuthStack,
  uniqueEmail,
  type AuthStack,
} from './auth-harness.ts'

let s: AuthStack
beforeAll(async () => {
  s = await startAuthStack()
})
afterAll(() => s.stop())

/** A server client over an in-memory cookie jar, as a Next.js route would build it. */
function ssrClient() {
  const jar = new Map<string, string>()
  const client = createServerClient(s.stack.apiUrl, s.stack.anonKey, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => {
        for (const { name, value } of cookies) {
          if (value === '') jar.delete(name)
          else jar.set(name, value)
        }
      },
    },
    realtime: realtimeOptions,
  })
  return { client, jar }
}

describe('@supabase/ssr against the stand-in (PKCE)', () => {
  it('signInWithOtp sends a pkce_ token hash; verifyOtp with it yields a cookie session and getUser works', async () => {
    const email = uniqueEmail('ssr')
    const { client, jar } = ssrClient()
    expect((await client.auth.signInWithOtp({ email })).error).toBeNull()
    expect([...jar.keys()]).toContain('sb-127-auth-token-code-verifier')
    const call = s.hook.lastFor(email)
    expect(() => HookReceiver.verify(call)).not.toThrow()
    expect(call.body.email_data.token_hash).toMatch(/^pkce_[0-9a-f]{56}$/)
    const [flow] = await s.stack.sql`
      select f.code_challenge_method, f.authentication_method from auth.flow_state f join auth.users u on u.id = f.user_id
      where u.email = ${email}`
    expect(flow).toEqual({ code_challenge_method: 's256', authentication_method: 'magiclink' })

    const verified = await client.auth.verifyOtp({ token_hash: call.body.email_data.token_hash, type: 'email' })
    expect(verified.error).toBeNull()
    const cookie = jar.get('sb-127-auth-token')
    expect(cookie).toMatch(/^base64-/)
    const stored = JSON.parse(Buffer.from(cookie!.slice('base64-'.length), 'base64url').toString('utf8')) as {
      user: { email: string }
    }
    expect(stored.user.email).toBe(email)

    const { data, error } = await client.auth.getUser()
    expect(error).toBeNull()
    expect(data.user?.email).toBe(email)
  })

  it('GET /verify redirects a PKCE link with ?code=, which exchangeCodeForSession turns into a session', async () => {
    const email = uniqueEmail('code')
    const { client, jar } = ssrClient()
    await client.auth.signInWithOtp({ email, options: { emailRedirectTo: 'http://127.0.0.1:3000/auth/confirm' } })
    const { token_hash, redirect_to } = s.hook.lastFor(email).body.email_data
    const link = `${s.authUrl}/verify?token=${token_hash}&type=magiclink&redirect_to=${encodeURIComponent(redirect_to)}`
    const res = await fetch(link, { redirect: 'manual' })
    expect(res.status).toBe(303)
    const location = new URL(res.headers.get('location')!)
    expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:3000/auth/confirm')
    const code = location.searchParams.get('code')
    expect(code).toMatch(/^[0-9a-f-]{36}$/)

    const { data, error } = await client.auth.exchangeCodeForSession(code!)
    expect(error).toBeNull()
    expect(data.session?.user.email).toBe(email)
    expect(jar.get('sb-127-auth-token')).toMatch(/^base64-/)
    const again = await fetch(`${s.authUrl}/token?grant_type=pkce`, {
      method: 'POST',
      headers: { apikey: s.stack.anonKey, 'Content-Type': 'application/json', 'X-Supabase-Api-Version': '2024-01-01' },
      body: JSON.stringify({ auth_code: code, code_verifier: 'v'.repeat(43) }),
    })
    expect(again.status).toBe(404)
    expect(await again.json()).toMatchObject({ code: 'flow_state_not_found' })

    const reused = await fetch(link, { redirect: 'manual' })
    const failed = new URL(reused.headers.get('location')!)
    expect(failed.searchParams.get('error_code')).toBe('otp_expired')
    expect(new URLSearchParams(failed.hash.slice(1)).get('error_description')).toBe(
      'Email link is invalid or has expired',
    )
  })

  it('refuses a code exchange with the wrong verifier, and an expired one', async () => {
    const email = uniqueEmail('verifier')
    const { client } = ssrClient()
    await client.auth.signInWithOtp({ email })
    const { token_hash } = s.hook.lastFor(email).body.email_data
    const res = await fetch(`${s.authUrl}/verify?token=${token_hash}&type=magiclink`, { redirect: 'manual' })
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!
    const wrong = await fetch(`${s.authUrl}/token?grant_type=pkce`, {
      method: 'POST',
      headers: { apikey: s.stack.anonKey, 'Content-Type': 'application/json', 'X-Supabase-Api-Version': '2024-01-01' },
      body: JSON.stringify({ auth_code: code, code_verifier: 'x'.repeat(43) }),
    })
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({ code: 'bad_code_verifier' })

    await s.stack.sql`update auth.flow_state set updated_at = now() - interval '301 seconds' where auth_code = ${code}`
    const late = await client.auth.exchangeCodeForSession(code)
    expect(late.error).toMatchObject({ status: 422, code: 'flow_state_expired' })
  })

  it('GET /verify on an implicit link puts the tokens in the fragment of a validated redirect', async () => {
    const email = uniqueEmail('implicit')
    await s.anon().auth.signInWithOtp({ email })
    const { token_hash } = s.hook.lastFor(email).body.email_data
    const res = await fetch(
      `${s.authUrl}/verify?token=${token_hash}&type=magiclink&redirect_to=https://evil.example.com/`,
      {
        redirect: 'manual',
      },
    )
    expect(res.status).toBe(303)
    const location = new URL(res.headers.get('location')!)
    expect(`${location.origin}${location.pathname}`).toBe(new URL(s.config.siteUrl).toString())
    const fragment = new URLSearchParams(location.hash.slice(1))
    expect([...fragment.keys()]).toEqual([
      'access_token',
      'expires_at',
      'expires_in',
      'refresh_token',
      'sb',
      'token_type',
      'type',
    ])
    expect(fragment.get('type')).toBe('magiclink')
    const me = await fetch(`${s.authUrl}/user`, {
      headers: { Authorization: `Bearer ${fragment.get('access_token')}` },
    })
    expect(((await me.json()) as { email: string }).email).toBe(email)
  })
})

describe('send-email hook answers', () => {
  afterEach(() => {
    s.hook.reply = { status: 204 }
    s.hook.queue = []
    s.config.sendEmailHook.secrets = [HOOK_SECRET]
  })

  const otp = (email: string) =>
    fetch(`${s.authUrl}/otp`, {
      method: 'POST',
      headers: { apikey: s.stack.anonKey, 'Content-Type': 'application/json', 'X-Supabase-Api-Version': '2024-01-01' },
      body: JSON.stringify({ email }),
    })

  const cases: [
    string,
    { status: number; headers?: Record<string, string>; body?: string },
    number,
    Record<string, string>,
  ][] = [
    ['401', { status: 401 }, 500, { code: 'unexpected_failure', message: 'Hook requires authorization token' }],
    ['400', { status: 400 }, 500, { code: 'unexpected_failure', message: 'Invalid payload sent to hook' }],
    [
      '418',
      { status: 418 },
      500,
      { code: 'unexpected_failure', message: 'Unexpected status code returned from hook: 418' },
    ],
    [
      '200 without JSON',
      { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' },
      400,
      { code: 'hook_payload_invalid_content_type' },
    ],
    [
      '200 with an error object',
      {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: '{"error":{"http_code":422,"message":"Address is blocked"}}',
      },
      422,
      { message: 'Address is blocked' },
    ],
  ]

  it.each(cases)('maps a hook answering %s and rolls the signup back', async (_name, reply, status, body) => {
    s.hook.reply = reply
    const email = uniqueEmail('hookfail')
    const res = await otp(email)
    expect(res.status).toBe(status)
    expect(await res.json()).toMatchObject(body)
    expect(await s.stack.sql`select 1 from auth.users where email = ${email}`).toHaveLength(0)
  })

  it('retries a 503 that carries retry-after, with a fresh webhook-id, and fails a 503 without it', async () => {
    const email = uniqueEmail('retry')
    s.hook.queue = [{ status: 503, headers: { 'Retry-After': '1' } }]
    const before = s.hook.calls.length
    expect((await otp(email)).status).toBe(200)
    const attempts = s.hook.calls.slice(before)
    expect(attempts).toHaveLength(2)
    expect(attempts[0]!.headers['webhook-id']).not.toBe(attempts[1]!.headers['webhook-id'])

    s.hook.queue = [{ status: 503 }]
    const res = await otp(uniqueEmail('noretry'))
    expect(res.status).toBe(500)
  })

  it('treats 200 with an empty JSON object as success', async () => {
    s.hook.reply = { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{}' }
    expect((await otp(uniqueEmail('hookok'))).status).toBe(200)
  })

  it('signs with the configured secret only: another secret does not verify, a malformed one fails the request', async () => {
    const email = uniqueEmail('secret')
    expect((await otp(email)).status).toBe(200)
    const other = `v1,whsec_${Buffer.from('a-completely-different-secret-key!').toString('base64')}`
    expect(() => HookReceiver.verify(s.hook.lastFor(email), other)).toThrow()

    s.config.sendEmailHook.secrets = ['whsec_not-a-valid-secret']
    const res = await otp(uniqueEmail('badsecret'))
    expect(res.status).toBe(500)
    expect(await res.json()).toMatchObject({ code: 'unexpected_failure', message: expect.stringContaining('secrets') })
  })
})
