import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRestStack, type RestStack } from './fixtures/rest/harness.ts'

let t: RestStack
beforeAll(async () => {
  t = await startRestStack()
})
afterAll(() => t.stop())

describe('rpc', () => {
  it('calls with named arguments by POST and GET, using parameter defaults', async () => {
    expect((await t.anon().rpc('add', { a: 1, b: 2 })).data).toBe(3)
    expect((await t.anon().rpc('add', { a: 1 })).data).toBe(11)
    const viaGet = await t.anon().rpc('add', { a: 5, b: 1 }, { get: true })
    expect(viaGet).toMatchObject({ data: 6, status: 200 })
  })

  it('passes the whole body to a single unnamed jsonb parameter', async () => {
    const body = { x: [1, { y: true }], s: 'é' }
    expect((await t.anon().rpc('echo', body)).data).toEqual(body)
  })

  it('applies filters, order, range, select and embeds to set-returning functions', async () => {
    const { data } = await t.anon().rpc('posts_by', { author: 1 }).select('id, title').order('id', { ascending: false })
    expect(data).toEqual([
      { id: 2, title: 'Second, with comma' },
      { id: 1, title: 'Hello world' },
    ])
    const filtered = await t.anon().rpc('posts_by', { author: 1 }).select('id, comments(content)').eq('id', 2)
    expect(filtered.data).toEqual([{ id: 2, comments: [{ content: 'Woof' }] }])
    const counted = await t.anon().rpc('posts_by', { author: 1 }, { count: 'exact' }).select('id').range(0, 0)
    expect(counted).toMatchObject({ count: 2, status: 206, data: [{ id: 1 }] })
    const table = await t.anon().rpc('post_counts')
    expect(table.data).toEqual([
      { author_id: 1, post_count: 2 },
      { author_id: 2, post_count: 1 },
      { author_id: 3, post_count: 1 },
    ])
    expect((await t.anon().rpc('series', { n: 3 })).data).toEqual([1, 2, 3])
  })

  it('returns one object from a function returning a single row, and 204 for void', async () => {
    const row = await t.anon().rpc('new_author', { name: 'Via RPC' })
    expect(row.data).toEqual({ id: expect.any(Number), name: 'Via RPC', created_at: '2024-01-02T03:04:05.123456+00:00' })
    const none = await t.service().rpc('touch_notes')
    expect(none).toMatchObject({ data: null, error: null, status: 204 })
  })

  it('runs GET calls read-only: a writing function fails with 405 (25006)', async () => {
    const { error, status } = await t.anon().rpc('new_author', { name: 'Nope' }, { get: true })
    expect(status).toBe(405)
    expect(error).toMatchObject({ code: '25006', message: 'cannot execute INSERT in a read-only transaction' })
    expect((await t.stack.sql`select count(*)::int as n from public.authors where name = 'Nope'`)[0]!.n).toBe(0)
  })

  it('answers unknown functions with PGRST202 and ambiguous overloads with PGRST203', async () => {
    const unknown = await t.anon().rpc('nope', { a: 1 })
    expect(unknown.status).toBe(404)
    expect(unknown.error).toEqual({
      code: 'PGRST202',
      details: 'Searched for the function public.nope with parameter a or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: null,
      message: 'Could not find the function public.nope(a) in the schema cache',
    })
    const wrongArgs = await t.anon().rpc('add', { z: 1 })
    expect(wrongArgs.error?.code).toBe('PGRST202')
    const ambiguous = await t.anon().rpc('pick', { a: 1 })
    expect(ambiguous.status).toBe(300)
    expect(ambiguous.error).toMatchObject({
      code: 'PGRST203',
      message: 'Could not choose the best candidate function between: public.pick(a => integer), public.pick(a => text)',
    })
  })

  it('maps RAISE to 400 and RAISE SQLSTATE PGRST to the status and headers it asks for', async () => {
    const { error, status } = await t.anon().rpc('fail', { msg: 'boom' })
    expect(status).toBe(400)
    expect(error).toEqual({ code: 'P0001', details: null, hint: 'raised on purpose', message: 'boom' })
    const res = await t.rest('/rpc/teapot', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(res.status).toBe(418)
    expect(res.headers.get('x-teapot')).toBe('yes')
    expect(await res.json()).toEqual({ code: 'T418', details: 'tip me over', hint: 'pour', message: 'short and stout' })
  })

  it('refuses other methods with 405 PGRST101', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await t.rest('/rpc/add', { method, headers: { 'Content-Type': 'application/json' }, body: '{}' })
      expect(res.status).toBe(405)
      expect(await res.json()).toMatchObject({ code: 'PGRST101', message: `Cannot use the ${method} method on RPC` })
    }
  })

  it("enforces the role's statement_timeout on the request's own statements", async () => {
    await t.stack.sql`create function public.nap(seconds float) returns int language sql volatile as $$ select 1 from pg_sleep(seconds) $$`
    await t.stack.sql`alter role anon set statement_timeout = '200ms'`
    await t.stack.sql`notify pgrst, 'reload schema'`
    try {
      // The schema cache reloads in the background after the NOTIFY: until then the function is unknown.
      let res = await t.anon().rpc('nap', { seconds: 1 })
      for (const deadline = Date.now() + 10_000; res.error?.code !== '57014' && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        res = await t.anon().rpc('nap', { seconds: 1 })
      }
      expect(res.error).toMatchObject({ code: '57014', message: 'canceling statement due to statement timeout' })
      expect((await t.anon().rpc('nap', { seconds: 0.01 })).data).toBe(1)
    } finally {
      await t.stack.sql`alter role anon set statement_timeout = '3s'`
      await t.stack.sql`drop function public.nap(float)`
      await t.stack.sql`notify pgrst, 'reload schema'`
    }
  })
})
