import { createHash } from 'node:crypto'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HookReceiver, startAuthStack, uniqueEmail, type AuthStack } from './auth-harness.ts'

let s: AuthStack
beforeAll(async () => {
  s = await startAuthStack()
})
afterAll(() => s.stop())

describe('POST /otp and POST /verify', () => {
  it('mails a signed magic link through the hook and turns its token_hash into a session', async () => {
    const email = uniqueEmail('otp')
    const client = s.anon()
    const sent = await client.auth.signInWithOtp({
      email,
      options: { emailRedirectTo: 'http://127.0.0.1:3000/auth/confirm' },
    })
    expect(sent.error).toBeNull()
    expect(sent.data).toEqual({ user: null, session: null })

    const call = s.hook.lastFor(email)
    expect(() => HookReceiver.verify(call)).not.toThrow()
    expect(call.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/)
    const { email_data: mail, metadata, user } = call.body
    expect(metadata.name).toBe('send-email')
    expect(user.email).toBe(email)
    expect(mail.email_action_type).toBe('magiclink')
    expect(mail.site_url).toBe(s.authUrl)
    expect(mail.redirect_to).toBe('http://127.0.0.1:3000/auth/confirm')
    expect(mail.token).toMatch(/^\d{6}$/)
    expect(mail.token_hash).toBe(
      createHash('sha224')
        .update(email + mail.token)
        .digest('hex'),
    )
    const [row] = await s.stack
      .sql`select recovery_token, recovery_sent_at, email_confirmed_at from auth.users where email = ${email}`
    expect(row?.recovery_token).toBe(mail.token_hash)
    expect(row?.email_confirmed_at).not.toBeNull()

    const { data, error } = await client.auth.verifyOtp({ token_hash: mail.token_hash, type: 'magiclink' })
    expect(error).toBeNull()
    const session = data.session!
    expect(session.token_type).toBe('bearer')
    expect(session.expires_in).toBe(s.config.jwtExpiry)
    expect(session.user.email).toBe(email)
    expect(session.user.app_metadata).toEqual({ provider: 'email', providers: ['email'] })
    expect(session.user.identities?.[0]).toMatchObject({
      provider: 'email',
      id: session.user.id,
      user_id: session.user.id,
    })

    expect(decodeProtectedHeader(session.access_token)).toMatchObject({ alg: 'ES256', kid: expect.any(String) })
    const claims = decodeJwt(session.access_token)
    expect(claims).toMatchObject({
      iss: s.authUrl,
      sub: session.user.id,
      aud: 'authenticated',
      role: 'authenticated',
      email,
      phone: '',
      aal: 'aal1',
      is_anonymous: false,
      amr: [{ method: 'otp', timestamp: expect.any(Number) }],
    })
    expect(claims.exp! - claims.iat!).toBe(s.config.jwtExpiry)
    const [stored] = await s.stack.sql`select user_id from auth.sessions where id = ${String(claims.session_id)}`
    expect(stored?.user_id).toBe(session.user.id)
  })

  it('accepts a token only once', async () => {
    const email = uniqueEmail('once')
    await s.anon().auth.signInWithOtp({ email })
    const hash = s.hook.lastFor(email).body.email_data.token_hash
    expect((await s.anon().auth.verifyOtp({ token_hash: hash, type: 'email' })).error).toBeNull()
    const again = await s.anon().auth.verifyOtp({ token_hash: hash, type: 'email' })
    expect(again.error).toMatchObject({
      status: 403,
      code: 'otp_expired',
      message: 'Email link is invalid or has expired',
    })
  })

  it('verifies the six-digit code with the email, and words a wrong code differently', async () => {
    const email = uniqueEmail('code')
    await s.anon().auth.signInWithOtp({ email })
    const { token } = s.hook.lastFor(email).body.email_data
    const wrong = await s
      .anon()
      .auth.verifyOtp({ email, token: token === '000000' ? '111111' : '000000', type: 'email' })
    expect(wrong.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' })
    const right = await s.anon().auth.verifyOtp({ email, token, type: 'email' })
    expect(right.error).toBeNull()
    expect(right.data.user?.email).toBe(email)
  })

  it('refuses a link older than otp_expiry', async () => {
    const email = uniqueEmail('expired')
    await s.anon().auth.signInWithOtp({ email })
    const hash = s.hook.lastFor(email).body.email_data.token_hash
    await s.stack.sql`update auth.users set recovery_sent_at = now() - interval '2 seconds' where email = ${email}`
    const saved = s.config.email.otpExpiry
    s.config.email.otpExpiry = 1
    try {
      const res = await s.anon().auth.verifyOtp({ token_hash: hash, type: 'magiclink' })
      expect(res.error).toMatchObject({ status: 403, code: 'otp_expired' })
    } finally {
      s.config.email.otpExpiry = saved
    }
  })

  it('answers 422 otp_disabled for an unknown email when create_user is false', async () => {
    const email = uniqueEmail('nocreate')
    const res = await s.anon().auth.signInWithOtp({ email, options: { shouldCreateUser: false } })
    expect(res.error).toMatchObject({ status: 422, code: 'otp_disabled', message: 'Signups not allowed for otp' })
    expect(await s.stack.sql`select 1 from auth.users where email = ${email}`).toHaveLength(0)
  })

  it('sends a signup confirmation instead when confirmations are enabled', async () => {
    s.config.email.enableConfirmations = true
    try {
      const email = uniqueEmail('confirm')
      expect((await s.anon().auth.signInWithOtp({ email })).error).toBeNull()
      const { email_data: mail, user } = s.hook.lastFor(email).body
      expect(mail.email_action_type).toBe('signup')
      expect(user.email_confirmed_at).toBeUndefined()
      const [row] = await s.stack.sql`select confirmation_token from auth.users where email = ${email}`
      expect(row?.confirmation_token).toBe(mail.token_hash)
      const verified = await s.anon().auth.verifyOtp({ token_hash: mail.token_hash, type: 'signup' })
      expect(verified.data.user?.email_confirmed_at).toEqual(expect.any(String))
    } finally {
      s.config.email.enableConfirmations = false
    }
  })

  it('falls back to site_url for a redirect outside the allow-list, and keeps allowed ones', async () => {
    const cases: [string, string][] = [
      ['https://evil.example.com/steal', s.config.siteUrl],
      ['http://localhost:3000/auth/confirm', 'http://localhost:3000/auth/confirm'],
      ['http://127.0.0.1:4000/anything', 'http://127.0.0.1:4000/anything'],
      ['http://localhost:3000/elsewhere', s.config.siteUrl],
      ['http://localhost:3000/auth/confirm?next=/x', s.config.siteUrl],
      ['http://127.0.0.1:3000/auth/confirm?next=/dashboard', 'http://127.0.0.1:3000/auth/confirm?next=/dashboard'],
      ['http://2130706433/', s.config.siteUrl],
      ['http://10.0.0.1:3000/auth/confirm', s.config.siteUrl],
      ['https://127.0.0.1:3000@evil.example.com/', s.config.siteUrl],
    ]
    for (const [asked, expected] of cases) {
      const email = uniqueEmail('redirect')
      await s.anon().auth.signInWithOtp({ email, options: { emailRedirectTo: asked } })
      expect(s.hook.lastFor(email).body.email_data.redirect_to).toBe(expected)
    }
  })

  it('limits how often one user can be mailed (max_frequency)', async () => {
    s.config.email.maxFrequencySeconds = 60
    try {
      const email = uniqueEmail('freq')
      expect((await s.anon().auth.signInWithOtp({ email })).error).toBeNull()
      const again = await s.anon().auth.signInWithOtp({ email })
      expect(again.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' })
      expect(again.error?.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/)
    } finally {
      s.config.email.maxFrequencySeconds = 0
    }
  })

  it('rejects malformed requests with the contract codes', async () => {
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${s.authUrl}${path}`, {
        method: 'POST',
        headers: {
          apikey: s.stack.anonKey,
          'Content-Type': 'application/json',
          'X-Supabase-Api-Version': '2024-01-01',
          ...headers,
        },
        body,
      })
    const badJson = await post('/otp', '{"email":')
    expect(badJson.status).toBe(400)
    expect(badJson.headers.get('x-sb-error-code')).toBe('bad_json')
    expect(badJson.headers.get('x-supabase-api-version')).toBe('2024-01-01')
    expect(await badJson.json()).toMatchObject({ code: 'bad_json' })

    const wrongType = await post('/otp', JSON.stringify({ email: 42 }))
    expect(wrongType.status).toBe(400)
    expect(await wrongType.json()).toMatchObject({ code: 'bad_json' })

    const legacy = await post('/otp', JSON.stringify({ email: '' }), { 'X-Supabase-Api-Version': '' })
    expect(legacy.status).toBe(400)
    expect(await legacy.json()).toEqual({
      code: 400,
      error_code: 'validation_failed',
      msg: 'An email address is required',
    })

    const badChallenge = await post(
      '/otp',
      JSON.stringify({ email: uniqueEmail('pk'), code_challenge: 'short', code_challenge_method: 's256' }),
    )
    expect(await badChallenge.json()).toMatchObject({ code: 'validation_failed' })

    const mixed = await post('/verify', JSON.stringify({ token_hash: 'abc', type: 'email', email: 'a@example.com' }))
    expect(await mixed.json()).toEqual({
      code: 'validation_failed',
      message: 'Only the token_hash and type should be provided',
    })

    const tooBig = await post(
      '/otp',
      JSON.stringify({ email: 'a@example.com', data: { blob: 'x'.repeat(1024 * 1024) } }),
    )
    expect(tooBig.status).toBe(400)
    expect(await tooBig.json()).toMatchObject({ code: 'bad_json' })
  })

  it('answers 429 over_request_rate_limit past sign_in_sign_ups per IP', async () => {
    const saved = { ...s.config.rateLimit }
    s.config.rateLimit.signInSignUps = 2
    const ip = { 'X-Forwarded-For': '203.0.113.77' }
    try {
      const statuses: number[] = []
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${s.authUrl}/otp`, {
          method: 'POST',
          headers: {
            apikey: s.stack.anonKey,
            'Content-Type': 'application/json',
            'X-Supabase-Api-Version': '2024-01-01',
            ...ip,
          },
          body: JSON.stringify({ email: uniqueEmail('rl') }),
        })
        statuses.push(res.status)
        if (res.status === 429)
          expect(await res.json()).toEqual({ code: 'over_request_rate_limit', message: 'Request rate limit reached' })
      }
      expect(statuses).toEqual([200, 200, 429])
    } finally {
      s.config.rateLimit = saved
    }
  })
})
