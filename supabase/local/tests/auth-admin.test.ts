import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HookReceiver, startAuthStack, uniqueEmail, type AuthStack } from './auth-harness.ts'

let s: AuthStack
beforeAll(async () => {
  s = await startAuthStack()
  await s.stack.sql.unsafe(`
    create table public.signup_audit (user_id uuid, role_at_insert text, email text);
    create function public.audit_signup() returns trigger language plpgsql security definer set search_path = '' as $$
    begin
      if new.email like 'trigger-fail%' then raise exception 'app trigger refused %', new.email; end if;
      insert into public.signup_audit values (new.id, new.role, new.email);
      return new;
    end $$;
    create trigger on_auth_user_created after insert on auth.users for each row execute function public.audit_signup();
    create table public.profiles_without_cascade (user_id uuid primary key references auth.users (id));
  `)
})
afterAll(() => s.stop())

function admin(path: string, init: { method?: string; body?: unknown; key?: string } = {}) {
  const key = init.key ?? s.stack.serviceRoleKey
  return fetch(`${s.authUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      apikey: key,
      Authorization: `Bearer ${key}`,
      'X-Supabase-Api-Version': '2024-01-01',
      'Content-Type': 'application/json',
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
}

describe('admin users', () => {
  it('createUser returns the user; a duplicate email is 422 email_exists', async () => {
    const email = uniqueEmail('create')
    const { data, error } = await s.admin().auth.admin.createUser({
      email,
      password: 'correct-horse-battery',
      email_confirm: true,
      user_metadata: { full_name: 'Grace' },
      app_metadata: { practice: 'p1' },
    })
    expect(error).toBeNull()
    expect(data.user).toMatchObject({
      email,
      aud: 'authenticated',
      role: 'authenticated',
      email_confirmed_at: expect.any(String),
      app_metadata: { provider: 'email', providers: ['email'], practice: 'p1' },
      user_metadata: { full_name: 'Grace' },
      is_anonymous: false,
    })
    const dup = await s.admin().auth.admin.createUser({ email })
    expect(dup.error).toMatchObject({
      status: 422,
      code: 'email_exists',
      message: 'A user with this email address has already been registered',
    })
  })

  it('runs AFTER INSERT triggers seeing role = "" (insert, then role update), and re-reads the row', async () => {
    const email = uniqueEmail('trigger')
    const { data } = await s.admin().auth.admin.createUser({ email, email_confirm: true })
    const [audit] = await s.stack.sql`select role_at_insert from public.signup_audit where user_id = ${data.user!.id}`
    expect(audit?.role_at_insert).toBe('')
    expect(data.user?.role).toBe('authenticated')
  })

  it('turns a failing trigger into 500 "Database error saving new user" and creates nothing', async () => {
    const email = `trigger-fail-${Date.now()}@example.com`
    const res = await fetch(`${s.authUrl}/otp`, {
      method: 'POST',
      headers: { apikey: s.stack.anonKey, 'Content-Type': 'application/json', 'X-Supabase-Api-Version': '2024-01-01' },
      body: JSON.stringify({ email }),
    })
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ code: 'unexpected_failure', message: 'Database error saving new user' })
    expect(await s.stack.sql`select 1 from auth.users where email = ${email}`).toHaveLength(0)
  })

  // GoTrue connects as supabase_auth_admin (supabase/auth: the `DATABASE_URL` of the auth service,
  // and the platform's "auth admin" role in docs/guides/database/postgres/roles). A trigger that is
  // not security definer runs with that role's rights, so a missing grant fails here as in production.
  it('writes as supabase_auth_admin: a trigger lacking grants fails until the migration grants them', async () => {
    await s.stack.sql.unsafe(`
      create table public.signup_names (user_id uuid primary key, email text);
      create function public.record_signup_name() returns trigger language plpgsql as $$
      begin
        insert into public.signup_names values (new.id, new.email);
        return new;
      end $$;
      create trigger on_auth_user_named after insert on auth.users for each row execute function public.record_signup_name();
    `)
    try {
      const refused = await admin('/admin/users', { method: 'POST', body: { email: uniqueEmail('grants'), email_confirm: true } })
      expect(refused.status).toBe(500)
      expect(await refused.json()).toMatchObject({ code: 'unexpected_failure' })
      await s.stack.sql`grant insert on public.signup_names to supabase_auth_admin`
      const email = uniqueEmail('granted')
      const created = await s.admin().auth.admin.createUser({ email, email_confirm: true })
      expect(created.error).toBeNull()
      expect(await s.stack.sql`select email from public.signup_names`).toEqual([{ email }])
    } finally {
      await s.stack.sql.unsafe('drop trigger on_auth_user_named on auth.users; drop function public.record_signup_name(); drop table public.signup_names')
    }
  })

  it('deleteUser removes the user (then 404 user_not_found); an FK without cascade makes it a 500', async () => {
    const { data } = await s.admin().auth.admin.createUser({ email: uniqueEmail('del'), email_confirm: true })
    const id = data.user!.id
    expect((await s.admin().auth.admin.deleteUser(id)).error).toBeNull()
    const gone = await s.admin().auth.admin.getUserById(id)
    expect(gone.error).toMatchObject({ status: 404, code: 'user_not_found', message: 'User not found' })
    expect(await (await admin('/admin/users/not-a-uuid', { method: 'DELETE' })).json()).toEqual({
      code: 'validation_failed',
      message: 'user_id must be an UUID',
    })

    const kept = await s.admin().auth.admin.createUser({ email: uniqueEmail('fk'), email_confirm: true })
    await s.stack.sql`insert into public.profiles_without_cascade values (${kept.data.user!.id})`
    const blocked = await admin(`/admin/users/${kept.data.user!.id}`, {
      method: 'DELETE',
      body: { should_soft_delete: false },
    })
    expect(blocked.status).toBe(500)
    expect(await blocked.json()).toEqual({ code: 'unexpected_failure', message: 'Database error deleting user' })
    expect(await s.stack.sql`select 1 from auth.users where id = ${kept.data.user!.id}`).toHaveLength(1)
  })

  it('soft-deletes on request: the row stays with deleted_at, identities and sessions go', async () => {
    const email = uniqueEmail('soft')
    const link = await s.admin().auth.admin.generateLink({ type: 'magiclink', email })
    const verified = await s.anon().auth.verifyOtp({ token_hash: link.data.properties!.hashed_token, type: 'signup' })
    const id = verified.data.user!.id
    expect((await s.admin().auth.admin.deleteUser(id, true)).error).toBeNull()
    const [row] = await s.stack.sql`select deleted_at, email from auth.users where id = ${id}`
    expect(row?.deleted_at).not.toBeNull()
    expect(row?.email).toBeNull()
    expect(await s.stack.sql`select 1 from auth.sessions where user_id = ${id}`).toHaveLength(0)
    expect(await s.stack.sql`select 1 from auth.identities where user_id = ${id}`).toHaveLength(0)
  })

  it('listUsers pages with x-total-count and link headers', async () => {
    for (let i = 0; i < 3; i++)
      await s.admin().auth.admin.createUser({ email: uniqueEmail('page'), email_confirm: true })
    const [{ total }] = (await s.stack.sql`select count(*)::int as total from auth.users`) as unknown as [
      { total: number },
    ]
    const first = await s.admin().auth.admin.listUsers({ page: 1, perPage: 2 })
    expect(first.error).toBeNull()
    expect(first.data.users).toHaveLength(2)
    expect(first.data).toMatchObject({ total, nextPage: 2, lastPage: Math.ceil(total / 2), aud: 'authenticated' })
    const second = await s.admin().auth.admin.listUsers({ page: 2, perPage: 2 })
    expect(second.data.users.map((u) => u.id)).not.toContain(first.data.users[0]!.id)
    const raw = await admin('/admin/users?page=1&per_page=2')
    expect(raw.headers.get('x-total-count')).toBe(String(total))
    expect(raw.headers.get('link')).toContain('</admin/users?page=2&per_page=2>; rel="next"')
  })

  it('updateUserById merges metadata and bans', async () => {
    const { data } = await s
      .admin()
      .auth.admin.createUser({ email: uniqueEmail('upd'), email_confirm: true, user_metadata: { a: 1, b: 2 } })
    const upd = await s
      .admin()
      .auth.admin.updateUserById(data.user!.id, { user_metadata: { b: null, c: 3 }, ban_duration: '24h' })
    expect(upd.error).toBeNull()
    expect(upd.data.user?.user_metadata).toMatchObject({ a: 1, c: 3 })
    expect(upd.data.user?.user_metadata).not.toHaveProperty('b')
    expect(new Date(upd.data.user!.banned_until!).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000)
  })

  it('refuses a user JWT or the anon key on admin routes with 403 not_admin', async () => {
    const res = await admin('/admin/users', { key: s.stack.anonKey })
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ code: 'not_admin', message: 'User not allowed' })
  })
})

describe('generate_link and invite', () => {
  it('converts a magiclink for an unknown email into signup and returns the flattened link fields', async () => {
    const email = uniqueEmail('gen')
    const redirectTo = 'http://127.0.0.1:3000/auth/confirm'
    const calls = s.hook.calls.length
    const { data, error } = await s
      .admin()
      .auth.admin.generateLink({ type: 'magiclink', email, options: { redirectTo } })
    expect(error).toBeNull()
    const p = data.properties!
    expect(p.verification_type).toBe('signup')
    expect(p.hashed_token).toMatch(/^[0-9a-f]{56}$/)
    expect(p.email_otp).toMatch(/^\d{6}$/)
    expect(p.redirect_to).toBe(redirectTo)
    const link = new URL(p.action_link)
    expect(`${link.origin}${link.pathname}`).toBe(`${s.authUrl}/verify`)
    expect(Object.fromEntries(link.searchParams)).toEqual({
      token: p.hashed_token,
      type: 'signup',
      redirect_to: redirectTo,
    })
    expect(p.action_link).toBe(`${s.authUrl}/verify?token=${p.hashed_token}&type=signup&redirect_to=${redirectTo}`)
    expect(data.user).toMatchObject({ email })
    expect(data.user?.email_confirmed_at).toBeUndefined()
    expect(s.hook.calls.length).toBe(calls)

    const verified = await s.anon().auth.verifyOtp({ token_hash: p.hashed_token, type: 'signup' })
    expect(verified.data.user?.email_confirmed_at).toEqual(expect.any(String))
  })

  it('404s recovery for an unknown email and 400s an unknown link type', async () => {
    const rec = await s.admin().auth.admin.generateLink({ type: 'recovery', email: uniqueEmail('none') })
    expect(rec.error).toMatchObject({ status: 404, code: 'user_not_found' })
    const bad = await admin('/admin/generate_link', {
      method: 'POST',
      body: { type: 'teleport', email: uniqueEmail('x') },
    })
    expect(await bad.json()).toEqual({
      code: 'validation_failed',
      message: 'Invalid email action link type requested: teleport',
    })
  })

  it('inviteUserByEmail creates an invited user and sends an invite through the hook', async () => {
    const email = uniqueEmail('invite')
    const { data, error } = await s.admin().auth.admin.inviteUserByEmail(email, { data: { practice: 'p9' } })
    expect(error).toBeNull()
    expect(data.user).toMatchObject({ email, invited_at: expect.any(String), user_metadata: { practice: 'p9' } })
    const call = s.hook.lastFor(email)
    expect(() => HookReceiver.verify(call)).not.toThrow()
    expect(call.body.email_data.email_action_type).toBe('invite')
    const verified = await s.anon().auth.verifyOtp({ token_hash: call.body.email_data.token_hash, type: 'invite' })
    expect(verified.error).toBeNull()
    expect(verified.data.session?.user.email).toBe(email)
    const again = await s.admin().auth.admin.inviteUserByEmail(email)
    expect(again.error).toMatchObject({ status: 422, code: 'email_exists' })
  })
})
