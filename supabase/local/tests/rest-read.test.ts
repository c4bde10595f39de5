import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientOptions, startRestStack, type RestStack } from './fixtures/rest/harness.ts'

let t: RestStack
beforeAll(async () => {
  t = await startRestStack()
})
afterAll(() => t.stop())

const ids = (rows: { id: number }[] | null) => rows?.map((r) => r.id)

describe('select', () => {
  it('returns rows with PostgreSQL JSON value formats and standard headers', async () => {
    const { data, error, status, statusText } = await t.anon().from('posts').select('*').eq('id', 1)
    expect(error).toBeNull()
    expect(status).toBe(200)
    expect(statusText).toBe('OK')
    expect(data).toEqual([
      expect.objectContaining({
        id: 1,
        author_id: 1,
        tags: ['intro', 'cats'],
        meta: { lang: 'en', stats: { views: 10 } },
        published: true,
        rating: 4.5,
        created_at: '2024-01-02T03:04:05.123456+00:00',
        search: expect.stringContaining("'cat'"),
      }),
    ])
    const raw = await t.rest('/posts?id=eq.1')
    expect(raw.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(raw.headers.get('content-range')).toBe('0-0/*')
  })

  it('supports aliases, casts and JSON paths', async () => {
    const { data, error } = await t
      .anon()
      .from('posts')
      .select('id, heading:title, rating::text, meta->>lang, views:meta->stats->views, first_tag:tags->0')
      .in('id', [1, 2])
      .order('id')
    expect(error).toBeNull()
    expect(data).toEqual([
      { id: 1, heading: 'Hello world', rating: '4.5', lang: 'en', views: 10, first_tag: 'intro' },
      { id: 2, heading: 'Second, with comma', rating: null, lang: 'fr', views: 3, first_tag: 'dogs' },
    ])
  })

  it('answers an unknown column with 42703 and an unknown table with PGRST205', async () => {
    const col = await t.anon().from('posts').select('id, nope')
    expect(col.status).toBe(400)
    expect(col.error).toMatchObject({ code: '42703', message: 'column posts.nope does not exist' })
    const table = await t.anon().from('postz').select()
    expect(table.status).toBe(404)
    expect(table.error).toMatchObject({ code: 'PGRST205', message: "Could not find the table 'public.postz' in the schema cache" })
    const raw = await t.rest('/postz')
    expect(raw.headers.get('proxy-status')).toBe('PostgREST; error=PGRST205')
    expect(await raw.json()).toEqual({
      code: 'PGRST205',
      details: null,
      hint: null,
      message: "Could not find the table 'public.postz' in the schema cache",
    })
  })

  it('reads views', async () => {
    const { data } = await t.anon().from('published_posts').select('id, title').order('id')
    expect(ids(data)).toEqual([1, 2, 4])
  })

  it('rejects a malformed select with PGRST100', async () => {
    const res = await t.rest('/posts?select=id,authors(name')
    expect(res.status).toBe(400)
    expect(((await res.json()) as { code: string }).code).toBe('PGRST100')
  })
})

describe('filters', () => {
  const q = () => t.anon().from('posts').select('id').order('id')

  it('compares with eq, neq, gt, gte, lt, lte and isdistinct', async () => {
    expect(ids((await q().eq('id', 2)).data)).toEqual([2])
    expect(ids((await q().neq('id', 2)).data)).toEqual([1, 3, 4])
    expect(ids((await q().gt('rating', 2.25)).data)).toEqual([1, 4])
    expect(ids((await q().gte('rating', 2.25)).data)).toEqual([1, 3, 4])
    expect(ids((await q().lt('id', 2)).data)).toEqual([1])
    expect(ids((await q().lte('id', 2)).data)).toEqual([1, 2])
    expect(ids((await q().filter('editor_id', 'isdistinct', 1)).data)).toEqual([1, 2, 4])
  })

  it('matches patterns with like, ilike, match, imatch and the any/all modifiers', async () => {
    expect(ids((await q().like('title', '*with*')).data)).toEqual([2])
    expect(ids((await q().ilike('title', '%WORLD')).data)).toEqual([1])
    expect(ids((await q().filter('title', 'match', '^D')).data)).toEqual([3])
    expect(ids((await q().filter('title', 'imatch', '^d')).data)).toEqual([3])
    expect(ids((await q().likeAnyOf('title', ['*world*', 'Draft'])).data)).toEqual([1, 3])
    expect(ids((await q().ilikeAllOf('title', ['%o%', '%w%'])).data)).toEqual([1, 2])
  })

  it('handles is, in with quoted values, and not', async () => {
    expect(ids((await q().is('rating', null)).data)).toEqual([2])
    expect(ids((await q().not('rating', 'is', null)).data)).toEqual([1, 3, 4])
    expect(ids((await q().is('published', false)).data)).toEqual([3])
    expect(ids((await q().in('title', ['Second, with comma', 'Draft'])).data)).toEqual([2, 3])
    expect(ids((await q().in('title', ['100% "quoted"'])).data)).toEqual([4])
    expect(ids((await q().in('id', [])).data)).toEqual([])
    expect(ids((await q().not('id', 'in', '(1,2)')).data)).toEqual([3, 4])
  })

  it('filters arrays and jsonb with cs, cd and ov', async () => {
    expect(ids((await q().contains('tags', ['cats'])).data)).toEqual([1])
    expect(ids((await q().containedBy('tags', ['dogs', 'misc', 'x'])).data)).toEqual([2, 3, 4])
    expect(ids((await q().overlaps('tags', ['cats', 'misc'])).data)).toEqual([1, 4])
    expect(ids((await q().contains('meta', { lang: 'en' })).data)).toEqual([1, 4])
  })

  it('runs full-text search on tsvector and text columns', async () => {
    expect(ids((await q().textSearch('search', 'cats')).data)).toEqual([1, 2])
    expect(ids((await q().textSearch('search', 'dogs cats', { type: 'plain' })).data)).toEqual([2])
    expect(ids((await q().textSearch('search', 'cats -dogs', { type: 'websearch' })).data)).toEqual([1])
    expect(ids((await q().textSearch('search', 'first post', { type: 'phrase' })).data)).toEqual([1])
    expect(ids((await q().textSearch('body', 'dog', { config: 'english' })).data)).toEqual([2])
  })

  it('combines conditions with or, and, nested not and quoted values', async () => {
    expect(ids((await q().or('id.eq.1,and(author_id.eq.1,rating.is.null)')).data)).toEqual([1, 2])
    expect(ids((await q().or('title.eq."Second, with comma",id.eq.4')).data)).toEqual([2, 4])
    expect(ids((await q().or('not.and(id.gte.2,id.lte.3)')).data)).toEqual([1, 4])
    expect(ids((await q().or('id.in.(1,3),title.like.*quoted*')).data)).toEqual([1, 3, 4])
  })

  it('reports bad operators with PGRST100 and bad values with the PostgreSQL error', async () => {
    const res = await t.rest('/posts?id=foo.1')
    expect(res.status).toBe(400)
    expect(((await res.json()) as { code: string }).code).toBe('PGRST100')
    const tree = await t.rest('/posts?or=(id.eq.1')
    expect(tree.status).toBe(400)
    expect(((await tree.json()) as { code: string }).code).toBe('PGRST100')
    const { error, status } = await q().eq('id', 'abc')
    expect(status).toBe(400)
    expect(error).toMatchObject({ code: '22P02', message: 'invalid input syntax for type bigint: "abc"' })
  })
})

describe('order, limit, offset and counts', () => {
  it('orders with direction and nulls placement', async () => {
    const desc = await t.anon().from('posts').select('id').order('rating', { ascending: false, nullsFirst: true })
    expect(ids(desc.data)).toEqual([2, 1, 4, 3])
    const asc = await t.anon().from('posts').select('id').order('rating', { ascending: true })
    expect(ids(asc.data)).toEqual([3, 4, 1, 2])
    const multi = await t.anon().from('posts').select('id').order('author_id', { ascending: false }).order('id')
    expect(ids(multi.data)).toEqual([4, 3, 1, 2])
  })

  it('pages with range() and the Range header', async () => {
    const { data } = await t.anon().from('posts').select('id').order('id').range(1, 2)
    expect(ids(data)).toEqual([2, 3])
    const res = await t.rest('/posts?select=id&order=id', { headers: { Range: '2-3' } })
    expect(await res.json()).toEqual([{ id: 3 }, { id: 4 }])
    expect(res.headers.get('content-range')).toBe('2-3/*')
  })

  it('counts exactly with 206 for a partial page and 200 for a full one', async () => {
    const part = await t.anon().from('posts').select('id', { count: 'exact' }).order('id').range(0, 1)
    expect(part).toMatchObject({ count: 4, status: 206, statusText: 'Partial Content' })
    const full = await t.anon().from('posts').select('id', { count: 'exact' })
    expect(full).toMatchObject({ count: 4, status: 200 })
    const raw = await t.rest('/posts?select=id&order=id&limit=2&offset=1', { headers: { Prefer: 'count=exact' } })
    expect(raw.headers.get('content-range')).toBe('1-2/4')
    const empty = await t.rest('/posts?id=eq.999', { headers: { Prefer: 'count=exact' } })
    expect(empty.headers.get('content-range')).toBe('*/0')
    const uncounted = await t.rest('/posts?id=eq.999')
    expect(uncounted.headers.get('content-range')).toBe('*/*')
  })

  it('gives planned and estimated counts', async () => {
    const planned = await t.anon().from('posts').select('id', { count: 'planned' })
    expect(typeof planned.count).toBe('number')
    expect(planned.count).toBeGreaterThanOrEqual(1)
    const estimated = await t.anon().from('posts').select('id', { count: 'estimated' })
    expect(estimated.count).toBe(4)
  })

  it('answers HEAD with headers only', async () => {
    const { data, count, status } = await t.anon().from('posts').select('*', { count: 'exact', head: true })
    expect({ data, count, status }).toEqual({ data: null, count: 4, status: 200 })
    const raw = await t.rest('/posts', { method: 'HEAD', headers: { Prefer: 'count=exact' } })
    expect(raw.status).toBe(200)
    expect(raw.headers.get('content-range')).toBe('0-3/4')
    expect(await raw.text()).toBe('')
  })

  it('answers an offset past the end with 416 PGRST103', async () => {
    const res = await t.rest('/posts?offset=10', { headers: { Prefer: 'count=exact' } })
    expect(res.status).toBe(416)
    expect(await res.json()).toEqual({
      code: 'PGRST103',
      details: 'An offset of 10 was requested, but there are only 4 rows.',
      hint: null,
      message: 'Requested range not satisfiable',
    })
  })

  it('never returns more than [api] max_rows', async () => {
    await t.stack.sql`insert into public.items (owner_id, name, amount)
      select gen_random_uuid(), 'row ' || g, g from generate_series(1, 120) g`
    const all = await t.service().from('items').select('id', { count: 'exact' })
    expect(all.data).toHaveLength(100)
    expect(all).toMatchObject({ count: 120, status: 206 })
    const limited = await t.service().from('items').select('id').limit(150)
    expect(limited.data).toHaveLength(100)
  })
})

describe('media types and profiles', () => {
  it('returns one object for singular requests and PGRST116 otherwise', async () => {
    const one = await t.anon().from('posts').select('id, title').eq('id', 3).single()
    expect(one.data).toEqual({ id: 3, title: 'Draft' })
    const raw = await t.rest('/posts?id=eq.3&select=id', { headers: { Accept: 'application/vnd.pgrst.object+json' } })
    expect(raw.headers.get('content-type')).toBe('application/vnd.pgrst.object+json; charset=utf-8')
    expect(await raw.json()).toEqual({ id: 3 })
    const many = await t.anon().from('posts').select('id').single()
    expect(many.status).toBe(406)
    expect(many.statusText).toBe('Not Acceptable')
    expect(many.error).toEqual({
      code: 'PGRST116',
      details: 'The result contains 4 rows',
      hint: null,
      message: 'Cannot coerce the result to a single JSON object',
    })
    const none = await t.anon().from('posts').select('id').eq('id', 999).single()
    expect(none.error).toMatchObject({ code: 'PGRST116', details: 'The result contains 0 rows' })
    const maybe = await t.anon().from('posts').select('id').eq('id', 999).maybeSingle()
    expect(maybe).toMatchObject({ data: null, error: null })
  })

  it('strips nulls on request and refuses unknown media types with PGRST107', async () => {
    const res = await t.rest('/posts?id=eq.2&select=id,rating', { headers: { Accept: 'application/vnd.pgrst.array+json;nulls=stripped' } })
    expect(await res.json()).toEqual([{ id: 2 }])
    const csv = await t.rest('/posts', { headers: { Accept: 'text/xml' } })
    expect(csv.status).toBe(406)
    expect(((await csv.json()) as { code: string }).code).toBe('PGRST107')
  })

  it('serves another exposed schema through Accept-Profile and refuses others with PGRST106', async () => {
    const api2 = createClient(t.stack.apiUrl, t.stack.anonKey, { ...clientOptions, db: { schema: 'api2' } })
    expect((await api2.from('things').select()).data).toEqual([{ id: 1, name: 'from api2' }])
    const hidden = await t.anon().schema('private').from('secrets').select()
    expect(hidden.status).toBe(406)
    expect(hidden.error).toEqual({
      code: 'PGRST106',
      details: null,
      hint: 'Only the following schemas are exposed: public, api2',
      message: 'Invalid schema: private',
    })
  })
})
