import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signHs256 } from '../jwt.ts'
import { loadKeys } from '../keys.ts'
import { startRestStack, type RestStack } from './fixtures/rest/harness.ts'

let t: RestStack
beforeAll(async () => {
  t = await startRestStack()
})
afterAll(() => t.stop())

const now = () => Math.floor(Date.now() / 1000)
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

describe('JWT verification', () => {
  it('runs requests without any token as anon', async () => {
    const res = await fetch(`${t.stack.apiUrl}/rest/v1/rpc/whoami`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ role: 'anon', sub: null })
  })

  it('rejects a malformed token with 401 PGRST301 and WWW-Authenticate', async () => {
    const res = await t.rest('/posts', { headers: bearer('not-a-jwt') })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="Expected 3 parts in JWT; got 1"')
    expect(res.headers.get('proxy-status')).toBe('PostgREST; error=PGRST301')
    expect(await res.json()).toEqual({ code: 'PGRST301', details: null, hint: null, message: 'Expected 3 parts in JWT; got 1' })
  })

  it('rejects a token signed with another key (PGRST301) and an expired one (PGRST303)', async () => {
    const foreign = await loadKeys()
    const forged = await signHs256({ role: 'service_role' }, { ...foreign, hmacKey: new TextEncoder().encode('x'.repeat(40)) })
    const bad = await t.rest('/posts', { headers: bearer(forged) })
    expect(bad.status).toBe(401)
    expect(((await bad.json()) as { code: string }).code).toBe('PGRST301')
    const expired = await t.token({ sub: randomUUID(), role: 'authenticated', iat: now() - 7200, exp: now() - 3600 })
    const res = await t.rest('/posts', { headers: bearer(expired) })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ code: 'PGRST303', details: null, hint: null, message: 'JWT expired' })
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"')
  })

  it('answers an unknown role with 401 and a role it may not assume with 403', async () => {
    const unknown = await t.rest('/posts', { headers: bearer(await t.token({ role: 'nobody', exp: now() + 60 })) })
    expect(unknown.status).toBe(401)
    expect(await unknown.json()).toMatchObject({ code: '22023', message: 'role "nobody" does not exist' })
    const superuser = await t.rest('/posts', { headers: bearer(await t.token({ role: 'postgres', exp: now() + 60 })) })
    expect(superuser.status).toBe(403)
    expect(((await superuser.json()) as { code: string }).code).toBe('42501')
  })
})

describe('per-request settings', () => {
  it('sets role, claims, method, path, headers, cookies and the role timeout in the transaction', async () => {
    const user = await t.user()
    const res = await t.rest('/rpc/whoami', {
      method: 'POST',
      headers: { ...bearer(user.token), 'Content-Type': 'application/json', 'X-Probe': 'seen', Cookie: 'flavour=mint; other=1' },
      body: '{}',
    })
    expect(await res.json()).toEqual({
      role: 'authenticated',
      sub: user.sub,
      method: 'POST',
      path: '/rpc/whoami',
      header: 'seen',
      cookie: 'mint',
      timeout: '8s',
      search_path: '"public", "extensions"',
      read_only: 'on',
    })
    const anon = (await t.anon().rpc('whoami')).data as { timeout: string; role: string }
    expect(anon).toMatchObject({ role: 'anon', timeout: '3s' })
  })

  it('reloads the schema cache on NOTIFY pgrst', async () => {
    await t.stack.sql.unsafe(`create table public.late_table (id int primary key); insert into public.late_table values (7)`)
    expect((await t.anon().from('late_table').select()).error?.code).toBe('PGRST205')
    await t.stack.sql`notify pgrst, 'reload schema'`
    let rows: unknown = null
    for (let i = 0; i < 50 && rows === null; i++) {
      const { data } = await t.anon().from('late_table').select()
      rows = data
      if (rows === null) await new Promise((r) => setTimeout(r, 100))
    }
    expect(rows).toEqual([{ id: 7 }])
  })
})

describe('row level security', () => {
  it('filters rows silently: each user sees only their notes, anon sees none', async () => {
    const a = await t.user()
    const b = await t.user()
    const created = await a.client.from('notes').insert({ body: 'from A' }).select('body, owner_id').single()
    expect(created).toMatchObject({ status: 201, data: { body: 'from A', owner_id: a.sub } })
    expect((await a.client.from('notes').select('body')).data).toEqual([{ body: 'from A' }])
    expect((await b.client.from('notes').select('body')).data).toEqual([])
    const anon = await t.anon().from('notes').select('body', { count: 'exact' })
    expect(anon).toMatchObject({ data: [], count: 0, status: 200 })
  })

  it('turns updates and deletes of invisible rows into no-ops', async () => {
    const a = await t.user()
    const b = await t.user()
    await a.client.from('notes').insert({ body: 'keep me' })
    const upd = await b.client.from('notes').update({ body: 'hijacked' }).eq('body', 'keep me').select()
    expect(upd).toMatchObject({ status: 200, data: [] })
    const del = await b.client.from('notes').delete().eq('body', 'keep me')
    expect(del.status).toBe(204)
    const [row] = await t.stack.sql`select body from public.notes where owner_id = ${a.sub}`
    expect(row).toEqual({ body: 'keep me' })
  })

  it('denies a WITH CHECK violation with 403 for users and a missing grant with 401 for anon', async () => {
    const a = await t.user()
    const b = await t.user()
    const forged = await b.client.from('notes').insert({ body: 'as A', owner_id: a.sub })
    expect(forged.status).toBe(403)
    expect(forged.error).toEqual({
      code: '42501',
      details: null,
      hint: null,
      message: 'new row violates row-level security policy for table "notes"',
    })
    const res = await t.rest('/notes', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ body: 'anon' }) })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer')
    expect(await res.json()).toMatchObject({ code: '42501', message: 'permission denied for table notes' })
  })

  it('lets an insert without select pass where insert().select() needs a SELECT policy', async () => {
    const u = await t.user()
    const minimal = await u.client.from('drop_box').insert({ message: 'hello' })
    expect(minimal.status).toBe(201)
    const returning = await u.client.from('drop_box').insert({ message: 'and back?' }).select()
    expect(returning.status).toBe(403)
    expect(returning.error?.code).toBe('42501')
    const stored = await t.stack.sql`select message from public.drop_box where sender = ${u.sub} order by id`
    expect(stored).toEqual([{ message: 'hello' }])
  })

  it('lets service_role bypass RLS', async () => {
    const a = await t.user()
    await a.client.from('notes').insert({ body: 'visible to service' })
    const { data } = await t.service().from('notes').select('body').eq('owner_id', a.sub)
    expect(data).toEqual([{ body: 'visible to service' }])
  })
})
