import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRestStack, type RestStack } from './fixtures/rest/harness.ts'

let t: RestStack
beforeAll(async () => {
  t = await startRestStack()
})
afterAll(() => t.stop())

const countAuthors = async (name: string) =>
  Number((await t.stack.sql`select count(*)::int as n from public.authors where name = ${name}`)[0]!.n)

const json = { 'Content-Type': 'application/json' }

describe('insert', () => {
  it('inserts one object with 201 and no body by default', async () => {
    const { data, error, status, statusText } = await t.service().from('authors').insert({ name: 'Dora' })
    expect({ data, error, status, statusText }).toEqual({ data: null, error: null, status: 201, statusText: 'Created' })
    expect(await countAuthors('Dora')).toBe(1)
  })

  it('returns the inserted rows with select(), single() and embeds', async () => {
    const { data, status } = await t.service().from('authors').insert({ name: 'Eve' }).select().single()
    expect(status).toBe(201)
    expect(data).toEqual({ id: expect.any(Number), name: 'Eve', created_at: '2024-01-02T03:04:05.123456+00:00' })
    const post = await t
      .service()
      .from('posts')
      .insert({ author_id: 2, title: 'Embedded return' })
      .select('title, author:authors!posts_author_id_fkey(name)')
    expect(post.data).toEqual([{ title: 'Embedded return', author: { name: 'Brian' } }])
  })

  it('bulk-inserts with columns=, NULL for missing keys, or defaults with missing=default', async () => {
    const nulls = await t.service().from('authors').insert([{ name: 'F1' }, { name: 'F2', created_at: '2025-01-01T00:00:00+00:00' }])
    expect(nulls.status).toBe(400)
    expect(nulls.error).toMatchObject({ code: '23502' })
    expect(await countAuthors('F2')).toBe(0)
    const defaults = await t
      .service()
      .from('authors')
      .insert([{ name: 'F1' }, { name: 'F2', created_at: '2025-01-01T00:00:00+00:00' }], { defaultToNull: false })
      .select('name, created_at')
    expect(defaults.data).toEqual([
      { name: 'F1', created_at: '2024-01-02T03:04:05.123456+00:00' },
      { name: 'F2', created_at: '2025-01-01T00:00:00+00:00' },
    ])
    const restricted = await t.rest('/authors?columns=name', {
      method: 'POST',
      headers: { ...json, apikey: t.stack.serviceRoleKey },
      body: JSON.stringify([{ name: 'G1', ignored: 1 }]),
    })
    expect(restricted.status).toBe(201)
    expect(await countAuthors('G1')).toBe(1)
  })

  it('answers return=headers-only with a Location and count=exact with Content-Range', async () => {
    const res = await t.rest('/authors', {
      method: 'POST',
      headers: { ...json, apikey: t.stack.serviceRoleKey, Prefer: 'return=headers-only, count=exact' },
      body: JSON.stringify({ name: 'Hal' }),
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('location')).toMatch(/^\/authors\?id=eq\.\d+$/)
    expect(res.headers.get('content-range')).toBe('*/1')
    expect(await res.text()).toBe('')
  })

  it('maps constraint violations to 409 and 400 and keeps nothing of a failed bulk insert', async () => {
    const dup = await t.service().from('labels').insert({ name: 'news' })
    expect(dup.status).toBe(409)
    expect(dup.error).toEqual({
      code: '23505',
      details: 'Key (name)=(news) already exists.',
      hint: null,
      message: 'duplicate key value violates unique constraint "labels_name_key"',
    })
    const fk = await t.service().from('posts').insert({ author_id: 999, title: 'orphan' })
    expect(fk.status).toBe(409)
    expect(fk.error?.code).toBe('23503')
    const check = await t.service().from('posts').insert({ author_id: 1, title: '' })
    expect(check.status).toBe(400)
    expect(check.error?.code).toBe('23514')
    const bulk = await t.service().from('labels').insert([{ name: 'fresh' }, { name: 'news' }])
    expect(bulk.status).toBe(409)
    expect((await t.stack.sql`select count(*)::int as n from public.labels where name = 'fresh'`)[0]!.n).toBe(0)
  })

  it('rejects bad bodies with PGRST102, unknown columns with PGRST204 and other media types with 415', async () => {
    const bad = await t.rest('/authors', { method: 'POST', headers: json, body: '{"name":' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ code: 'PGRST102', details: null, hint: null, message: 'Empty or invalid json' })
    const keys = await t.rest('/authors', { method: 'POST', headers: json, body: JSON.stringify([{ name: 'a' }, { id: 9 }]) })
    expect(((await keys.json()) as { message: string }).message).toBe('All object keys must match')
    const unknown = await t.service().from('authors').insert({ name: 'x', nope: 1 })
    expect(unknown.status).toBe(400)
    expect(unknown.error).toMatchObject({ code: 'PGRST204', message: "Could not find the 'nope' column of 'authors' in the schema cache" })
    const xml = await t.rest('/authors', { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: '<a/>' })
    expect(xml.status).toBe(415)
  })

  it('refuses an oversized body with 413 and writes nothing', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(11 * 1024 * 1024) })
    const res = await t.rest('/authors', { method: 'POST', headers: { ...json, apikey: t.stack.serviceRoleKey }, body: huge })
    expect(res.status).toBe(413)
    expect((await t.stack.sql`select count(*)::int as n from public.authors where length(name) > 1000`)[0]!.n).toBe(0)
  })
})

describe('schemas, views and malformed requests', () => {
  it('writes to another exposed schema through Content-Profile and into auto-updatable views', async () => {
    const api2 = t.service().schema('api2')
    const { data, status } = await api2.from('things').insert({ id: 2, name: 'second' }).select()
    expect(status).toBe(201)
    expect(data).toEqual([{ id: 2, name: 'second' }])
    const denied = await t.rest('/things', { method: 'POST', headers: { ...json, 'Content-Profile': 'private' }, body: '{}' })
    expect(denied.status).toBe(406)
    const viaView = await t.service().from('published_posts').insert({ author_id: 3, title: 'Through the view' })
    expect(viaView.status).toBe(201)
    const [row] = await t.stack.sql`select author_id, published from public.posts where title = 'Through the view'`
    expect(row).toEqual({ author_id: '3', published: false })
  })

  it('answers malformed requests with 4xx and keeps serving', async () => {
    const cases: [string, RequestInit, number][] = [
      ['/%E0%A4%A', {}, 404],
      ['/posts/1/extra', {}, 404],
      ['/posts?select=id::bad-type', {}, 400],
      ['/posts?order=id.sideways', {}, 400],
      ['/posts?limit=-1', {}, 400],
      ['/posts?id=in.1,2', {}, 400],
      ['/posts?and=(id.eq.1', {}, 400],
      ['/posts', { method: 'PATCH', headers: json, body: '[1,2]' }, 400],
      ['/posts', { method: 'POST', headers: json, body: '"text"' }, 400],
      ['/rpc/add', { method: 'POST', headers: json, body: 'nope' }, 400],
    ]
    for (const [path, init, status] of cases) {
      const res = await t.rest(path, init)
      expect([path, res.status]).toEqual([path, status])
      expect(((await res.json()) as { code: string }).code).toMatch(/^(PGRST\d{3}|\w{5})$/)
    }
    expect((await t.anon().from('posts').select('id').eq('id', 1)).data).toEqual([{ id: 1 }])
  })
})

describe('upsert', () => {
  it('merges duplicates: 200 when only updating, 201 when inserting', async () => {
    const updated = await t.service().from('labels').upsert({ id: 1, name: 'headlines' }).select()
    expect(updated.status).toBe(200)
    expect(updated.data).toEqual([{ id: 1, name: 'headlines' }])
    const inserted = await t.service().from('labels').upsert({ id: 50, name: 'fifty' }).select('id')
    expect(inserted.status).toBe(201)
    expect(inserted.data).toEqual([{ id: 50 }])
  })

  it('ignores duplicates on an on_conflict target', async () => {
    const { data, status } = await t
      .service()
      .from('labels')
      .upsert([{ name: 'pets' }, { name: 'brand-new' }], { onConflict: 'name', ignoreDuplicates: true })
      .select('name')
    expect(status).toBe(201)
    expect(data).toEqual([{ name: 'brand-new' }])
  })
})

describe('update and delete', () => {
  it('updates with 204, or 200 and the rows with select()', async () => {
    const none = await t.service().from('posts').update({ body: 'edited' }).eq('id', 3)
    expect(none).toMatchObject({ status: 204, statusText: 'No Content', data: null, error: null })
    const rows = await t.service().from('posts').update({ rating: 1.5 }).eq('id', 3).select('id, body, rating')
    expect(rows.status).toBe(200)
    expect(rows.data).toEqual([{ id: 3, body: 'edited', rating: 1.5 }])
    const counted = await t.rest('/posts?id=in.(3,4)', {
      method: 'PATCH',
      headers: { ...json, apikey: t.stack.serviceRoleKey, Prefer: 'count=exact' },
      body: JSON.stringify({ published: true }),
    })
    expect(counted.status).toBe(204)
    expect(counted.headers.get('content-range')).toBe('0-1/2')
  })

  it('deletes with 204, or 200 and the rows with select()', async () => {
    await t.service().from('employees').insert([{ name: 'Temp1' }, { name: 'Temp2' }])
    const gone = await t.service().from('employees').delete().eq('name', 'Temp1')
    expect(gone.status).toBe(204)
    const rows = await t.service().from('employees').delete().eq('name', 'Temp2').select('name')
    expect(rows).toMatchObject({ status: 200, data: [{ name: 'Temp2' }] })
    expect((await t.stack.sql`select count(*)::int as n from public.employees where name like 'Temp%'`)[0]!.n).toBe(0)
  })

  it('refuses UPDATE and DELETE without filters as the platform (pg-safeupdate) does', async () => {
    const upd = await t.service().from('labels').update({ name: 'all' })
    expect(upd.status).toBe(400)
    expect(upd.error).toEqual({ code: '21000', details: null, hint: null, message: 'UPDATE requires a WHERE clause' })
    const del = await t.service().from('labels').delete()
    expect(del.error).toMatchObject({ code: '21000', message: 'DELETE requires a WHERE clause' })
    expect((await t.stack.sql`select count(*)::int as n from public.labels where name = 'all'`)[0]!.n).toBe(0)
    const stray = await t.service().from('posts').update({ body: 'x' }).eq('id', 1).eq('comments.votes', 1)
    expect(stray.error?.code).toBe('PGRST108')
  })

  it('rolls back a singular mutation that touched other than one row', async () => {
    const { error, status } = await t.service().from('posts').update({ title: 'Same' }).in('id', [1, 2]).select().single()
    expect(status).toBe(406)
    expect(error).toMatchObject({ code: 'PGRST116', details: 'The result contains 2 rows' })
    expect((await t.stack.sql`select count(*)::int as n from public.posts where title = 'Same'`)[0]!.n).toBe(0)
  })

  it('honours max-affected with handling=strict and tx=rollback', async () => {
    const limited = await t.rest('/posts?id=in.(1,2)', {
      method: 'PATCH',
      headers: { ...json, apikey: t.stack.serviceRoleKey, Prefer: 'handling=strict, max-affected=1' },
      body: JSON.stringify({ title: 'Too many' }),
    })
    expect(limited.status).toBe(400)
    expect(await limited.json()).toMatchObject({ code: 'PGRST124', details: 'The query affects 2 rows' })
    const rolled = await t.rest('/authors', {
      method: 'POST',
      headers: { ...json, apikey: t.stack.serviceRoleKey, Prefer: 'tx=rollback, return=representation' },
      body: JSON.stringify({ name: 'Ghost' }),
    })
    expect(rolled.status).toBe(201)
    expect(await rolled.json()).toEqual([expect.objectContaining({ name: 'Ghost' })])
    expect(await countAuthors('Ghost')).toBe(0)
    expect((await t.stack.sql`select count(*)::int as n from public.posts where title = 'Too many'`)[0]!.n).toBe(0)
  })

  it('rejects unknown preferences only with handling=strict (PGRST122)', async () => {
    const strict = await t.rest('/posts', { headers: { Prefer: 'handling=strict, bogus=1' } })
    expect(strict.status).toBe(400)
    expect(await strict.json()).toMatchObject({ code: 'PGRST122', details: 'Invalid preferences: bogus=1' })
    const lenient = await t.rest('/posts?select=id&limit=1', { headers: { Prefer: 'bogus=1' } })
    expect(lenient.status).toBe(200)
  })
})

describe('request bodies', () => {
  // PostgREST answers a body it cannot use as JSON with 400 PGRST102 (docs: errors.html, "PGRST102 …
  // An invalid request body was sent (e.g. an empty body or malformed JSON)"). A body nested deeper
  // than any real payload is refused the same way instead of overflowing a parser's stack.
  const deep = (levels: number) => `{"title":"deep","author_id":1,"meta":${'['.repeat(levels)}${']'.repeat(levels)}}`

  it.each([
    ['a table', '/posts'],
    ['a function', '/rpc/echo'],
  ])('refuses a deeply nested JSON body to %s with 400 PGRST102, not a 500', async (_label, path) => {
    const res = await t.rest(path, { method: 'POST', headers: { ...json, apikey: t.stack.serviceRoleKey }, body: deep(100_000) })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: 'PGRST102', message: 'Empty or invalid json' })
    expect(await t.stack.sql`select 1 from public.posts where title = 'deep'`).toEqual([])
  })

  it('still stores a nested value of ordinary depth', async () => {
    const res = await t.rest('/posts', { method: 'POST', headers: { ...json, apikey: t.stack.serviceRoleKey }, body: deep(50) })
    expect(res.status).toBe(201)
    await t.stack.sql`delete from public.posts where title = 'deep'`
  })
})

describe('values', () => {
  // Values travel as string literals in the statement (rest/sql.ts): quotes, backslashes and
  // placeholders in them must arrive as data, never as SQL.
  it('stores and filters on text full of quoting characters exactly as given', async () => {
    const name = `O'Brien \\' \\\\ $1 '); drop table public.authors; --`
    const inserted = await t.service().from('authors').insert({ name }).select('name').single()
    expect(inserted.data).toEqual({ name })
    const found = await t.service().from('authors').select('name').eq('name', name)
    expect(found.data).toEqual([{ name }])
    // In a list, PostgREST reads backslashes as escapes (its grammar), so that case has none.
    const quoted = `It's "quoted", (really) $2`
    await t.service().from('authors').insert({ name: quoted })
    const listed = await t.service().from('authors').select('name').in('name', [quoted, 'x'])
    expect(listed.data).toEqual([{ name: quoted }])
    expect(await countAuthors(name)).toBe(1)
  })
  // PostgreSQL text cannot hold NUL. As a bind parameter it is refused with 22021 (400); inside a
  // statement's text it would cut the protocol message short (08P01, a 503), so the stand-in
  // answers as PostgreSQL does for the parameter, and sends nothing.
  it.each([
    ['a filter value', '/authors?name=eq.a%00b'],
    ['a JSON path key', '/authors?select=name->>a%00b'],
  ])('refuses NUL in %s with 400 22021 and keeps serving', async (_label, path) => {
    const res = await t.rest(path, { headers: { apikey: t.stack.serviceRoleKey } })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' })
    expect((await t.service().from('authors').select('name').eq('name', 'Ada')).data).toEqual([{ name: 'Ada' }])
  })
})
