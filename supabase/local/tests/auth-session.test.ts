import { createClient } from '@supabase/supabase-js'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { realtimeOptions, signedInClient, startAuthStack, type AuthStack } from './auth-harness.ts'

let s: AuthStack
beforeAll(async () => {
  s = await startAuthStack()
})
afterAll(() => s.stop())

/** A raw auth request carrying the version header, as auth-js sends it. */
function authFetch(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  return fetch(`${s.authUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      apikey: s.stack.anonKey,
      'X-Supabase-Api-Version': '2024-01-01',
      'Content-Type': 'application/json',
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
}

const refresh = (refresh_token: string) =>
  authFetch('/token?grant_type=refresh_token', { method: 'POST', body: { refresh_token } })

describe('refresh tokens', () => {
  it('rotates: each refresh revokes the presented token and issues a new one', async () => {
    const { client, session } = await signedInClient(s)
    const { data, error } = await client.auth.refreshSession()
    expect(error).toBeNull()
    expect(data.session!.refresh_token).not.toBe(session.refresh_token)
    expect(data.session!.user.id).toBe(session.user.id)
    const [old] = await s.stack.sql`select revoked from auth.refresh_tokens where token = ${session.refresh_token}`
    expect(old?.revoked).toBe(true)
  })

  it('tolerates reuse of a revoked token inside refresh_token_reuse_interval, refuses it afterwards', async () => {
    const { session } = await signedInClient(s)
    const first = await refresh(session.refresh_token)
    expect(first.status).toBe(200)
    const child = ((await first.json()) as { refresh_token: string }).refresh_token

    const reused = await refresh(session.refresh_token)
    expect(reused.status).toBe(200)
    expect(((await reused.json()) as { refresh_token: string }).refresh_token).toBe(child)

    await s.stack
      .sql`update auth.refresh_tokens set updated_at = now() - interval '1 hour' where token = ${session.refresh_token}`
    const late = await refresh(session.refresh_token)
    expect(late.status).toBe(400)
    expect(await late.json()).toEqual({
      code: 'refresh_token_already_used',
      message: 'Invalid Refresh Token: Already Used',
    })
    // Reuse after the window revokes the whole family: the child is dead too.
    const [c] = await s.stack.sql`select revoked from auth.refresh_tokens where token = ${child}`
    expect(c?.revoked).toBe(true)
  })

  it('answers the contract errors for unknown, short and missing tokens', async () => {
    const unknown = await refresh('abcdefghijkl')
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toEqual({
      code: 'refresh_token_not_found',
      message: 'Invalid Refresh Token: Refresh Token Not Found',
    })
    expect(await (await refresh('short')).json()).toMatchObject({ code: 'validation_failed' })
    const missing = await authFetch('/token?grant_type=refresh_token', { method: 'POST', body: {} })
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({ error: 'invalid_request', error_description: 'refresh_token required' })
    const grant = await authFetch('/token?grant_type=magic', { method: 'POST', body: {} })
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' })
  })

  it('ends sessions past [auth.sessions] timebox or inactivity_timeout with session_expired', async () => {
    const saved = { ...s.config.sessions }
    try {
      s.config.sessions = { timebox: 3600, inactivityTimeout: 0 }
      const boxed = await signedInClient(s)
      expect((await refresh(boxed.session.refresh_token)).status).toBe(200)
      await s.stack
        .sql`update auth.sessions set created_at = now() - interval '2 hours' where user_id = ${boxed.user.id}`
      const late = await refresh(boxed.session.refresh_token)
      expect(late.status).toBe(400)
      expect(await late.json()).toEqual({ code: 'session_expired', message: 'Invalid Refresh Token: Session Expired' })

      s.config.sessions = { timebox: 0, inactivityTimeout: 1800 }
      const idle = await signedInClient(s)
      await s.stack.sql`
        update auth.sessions set refreshed_at = (now() - interval '31 minutes') at time zone 'utc', created_at = now() - interval '1 hour'
        where user_id = ${idle.user.id}`
      expect(await (await refresh(idle.session.refresh_token)).json()).toMatchObject({ code: 'session_expired' })
    } finally {
      s.config.sessions = saved
    }
  })

  it('limits refreshes per IP (token_refresh)', async () => {
    const saved = s.config.rateLimit.tokenRefresh
    s.config.rateLimit.tokenRefresh = 0
    try {
      const res = await refresh('abcdefghijkl')
      expect(res.status).toBe(429)
      expect(await res.json()).toEqual({ code: 'over_request_rate_limit', message: 'Request rate limit reached' })
    } finally {
      s.config.rateLimit.tokenRefresh = saved
    }
  })
})

describe('GET /user, logout and JWT checks', () => {
  it('returns the bare user for a valid session', async () => {
    const { client, user } = await signedInClient(s)
    const { data, error } = await client.auth.getUser()
    expect(error).toBeNull()
    expect(data.user).toMatchObject({ id: user.id, email: user.email, aud: 'authenticated', role: 'authenticated' })
  })

  it('signOut ends the session: /user says session_not_found and the refresh token is refused', async () => {
    const { client, session } = await signedInClient(s)
    expect((await client.auth.signOut()).error).toBeNull()
    const me = await authFetch('/user', { token: session.access_token })
    expect(me.status).toBe(403)
    expect(await me.json()).toEqual({
      code: 'session_not_found',
      message: 'Session from session_id claim in JWT does not exist',
    })
    const again = await refresh(session.refresh_token)
    expect(again.status).toBe(400)
  })

  it('scope=others keeps the current session and ends the rest', async () => {
    const first = await signedInClient(s)
    const second = await s.anon().auth.verifyOtp({
      token_hash: (await s.admin().auth.admin.generateLink({ type: 'magiclink', email: first.email })).data.properties!
        .hashed_token,
      type: 'magiclink',
    })
    const other = second.data.session!
    const out = await authFetch('/logout?scope=others', { method: 'POST', token: other.access_token })
    expect(out.status).toBe(204)
    expect((await authFetch('/user', { token: other.access_token })).status).toBe(200)
    expect((await authFetch('/user', { token: first.session.access_token })).status).toBe(403)
    expect((await authFetch('/logout?scope=nonsense', { method: 'POST', token: other.access_token })).status).toBe(400)
  })

  it('refuses missing, malformed, forged, expired and anon tokens with the contract codes', async () => {
    const { session } = await signedInClient(s)
    const noAuth = await fetch(`${s.authUrl}/user`, { headers: { 'X-Supabase-Api-Version': '2024-01-01' } })
    expect(noAuth.status).toBe(401)
    expect(await noAuth.json()).toMatchObject({ code: 'no_authorization' })

    const malformed = await authFetch('/user', { token: 'not-a-jwt' })
    expect(malformed.status).toBe(403)
    expect(await malformed.json()).toMatchObject({ code: 'bad_jwt' })

    const [h, p] = session.access_token.split('.')
    const forged = await authFetch('/user', { token: `${h}.${p}.${'A'.repeat(86)}` })
    expect(forged.status).toBe(403)
    expect(await forged.json()).toMatchObject({ code: 'bad_jwt' })

    const expiredToken = await new SignJWT({ sub: session.user.id, role: 'authenticated', aud: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(s.stack.jwtSecret))
    const expired = await authFetch('/user', { token: expiredToken })
    expect(expired.status).toBe(403)
    expect(await expired.json()).toMatchObject({ code: 'bad_jwt', message: expect.stringContaining('expired') })

    const anon = await authFetch('/user', { token: s.stack.anonKey })
    expect(anon.status).toBe(403)
    expect(await anon.json()).toMatchObject({ code: 'bad_jwt' })
  })

  it('refuses the token of a deleted user with user_not_found', async () => {
    const { session, user } = await signedInClient(s)
    await s.admin().auth.admin.deleteUser(user.id)
    const me = await authFetch('/user', { token: session.access_token })
    expect(me.status).toBe(403)
    expect(await me.json()).toEqual({ code: 'user_not_found', message: 'User from sub claim in JWT does not exist' })
  })

  it('getClaims() verifies the ES256 token locally against the JWKS endpoint', async () => {
    const { client, user } = await signedInClient(s)
    const jwks = await fetch(`${s.authUrl}/.well-known/jwks.json`)
    expect(jwks.headers.get('cache-control')).toBe('public, max-age=600')
    const { keys } = (await jwks.json()) as {
      keys: { kty: string; alg: string; kid: string; use: string; key_ops: string[]; d?: string }[]
    }
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatchObject({ kty: 'EC', alg: 'ES256', use: 'sig', key_ops: ['verify'] })
    expect(keys[0]!.d).toBeUndefined()

    const seen: string[] = []
    const spyClient = createClient(s.stack.apiUrl, s.stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: realtimeOptions,
      global: {
        fetch: (input, init) => {
          seen.push(String(input instanceof Request ? input.url : input))
          return fetch(input, init)
        },
      },
    })
    const current = (await client.auth.getSession()).data.session!
    await spyClient.auth.setSession({ access_token: current.access_token, refresh_token: current.refresh_token })
    seen.length = 0
    const { data, error } = await spyClient.auth.getClaims()
    expect(error).toBeNull()
    expect(data?.claims.sub).toBe(user.id)
    expect(seen.some((u) => u.endsWith('/auth/v1/.well-known/jwks.json'))).toBe(true)
    expect(seen.some((u) => u.endsWith('/auth/v1/user'))).toBe(false)
  })
})

describe('PUT /user', () => {
  it('updates metadata and password; a short password is weak_password', async () => {
    const { client, email } = await signedInClient(s)
    const weak = await client.auth.updateUser({ password: 'short' })
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' })
    const { data, error } = await client.auth.updateUser({
      password: 'a-long-enough-password',
      data: { display_name: 'Ada' },
    })
    expect(error).toBeNull()
    expect(data.user?.user_metadata).toMatchObject({ display_name: 'Ada' })
    const login = await s.anon().auth.signInWithPassword({ email, password: 'a-long-enough-password' })
    expect(login.error).toBeNull()
    expect(login.data.session?.user.email).toBe(email)
    const bad = await s.anon().auth.signInWithPassword({ email, password: 'wrong-password-here' })
    expect(bad.error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' })
  })
})

describe('email changes, signup and settings', () => {
  it('changes the email at once under autoconfirm', async () => {
    const { client, user } = await signedInClient(s)
    const next = `renamed-${user.email}`
    const { data, error } = await client.auth.updateUser({ email: next })
    expect(error).toBeNull()
    expect(data.user?.email).toBe(next)
    expect(data.user?.identities?.[0]?.identity_data?.email).toBe(next)
  })

  it('mails an email_change link to the new address when confirmations are on, and applies it on verify', async () => {
    const { client, user } = await signedInClient(s)
    const next = `moved-${user.email}`
    s.config.email.enableConfirmations = true
    try {
      const { data, error } = await client.auth.updateUser({ email: next })
      expect(error).toBeNull()
      expect(data.user).toMatchObject({ email: user.email, new_email: next })
      const call = s.hook.lastFor(next)
      expect(call.body.email_data.email_action_type).toBe('email_change')
      const verified = await s
        .anon()
        .auth.verifyOtp({ token_hash: call.body.email_data.token_hash, type: 'email_change' })
      expect(verified.error).toBeNull()
      expect(verified.data.user?.email).toBe(next)
    } finally {
      s.config.email.enableConfirmations = false
    }
  })

  it("refuses to take another user's email with email_exists", async () => {
    const a = await signedInClient(s)
    const b = await signedInClient(s)
    const res = await b.client.auth.updateUser({ email: a.email })
    expect(res.error).toMatchObject({ status: 422, code: 'email_exists' })
  })

  it('signUp with a password returns a session under autoconfirm; a second signUp is refused', async () => {
    const email = `signup-${Date.now()}@example.com`
    const first = await s.anon().auth.signUp({ email, password: 'twelve-chars-at-least' })
    expect(first.error).toBeNull()
    expect(first.data.session?.user.email).toBe(email)
    const again = await s.anon().auth.signUp({ email, password: 'twelve-chars-at-least' })
    expect(again.error).toMatchObject({ status: 422, code: 'user_already_exists' })
  })

  it('GET /settings reports the email provider and autoconfirm', async () => {
    const res = await authFetch('/settings')
    expect(await res.json()).toMatchObject({
      external: { email: true },
      disable_signup: false,
      mailer_autoconfirm: true,
    })
  })
})
