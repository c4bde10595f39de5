import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRestStack, type RestStack } from './fixtures/rest/harness.ts'

let t: RestStack
beforeAll(async () => {
  t = await startRestStack()
})
afterAll(() => t.stop())

describe('embedding through foreign keys', () => {
  it('embeds many-to-one as an object (or null) by FK name or FK column', async () => {
    const { data, error } = await t
      .anon()
      .from('posts')
      .select('id, author:authors!posts_author_id_fkey(name), editor:editor_id(name)')
      .in('id', [1, 2])
      .order('id')
    expect(error).toBeNull()
    expect(data).toEqual([
      { id: 1, author: { name: 'Ada' }, editor: { name: 'Brian' } },
      { id: 2, author: { name: 'Ada' }, editor: null },
    ])
  })

  it('embeds one-to-many as an array with embedded filters, order, limit and offset', async () => {
    const { data } = await t
      .anon()
      .from('posts')
      .select('id, comments(content, votes)')
      .in('id', [1, 3])
      .order('id')
      .order('votes', { referencedTable: 'comments', ascending: false })
      .limit(2, { referencedTable: 'comments' })
    expect(data).toEqual([
      { id: 1, comments: [{ content: 'Great', votes: 5 }, { content: 'Nice', votes: 3 }] },
      { id: 3, comments: [] },
    ])
    const filtered = await t
      .anon()
      .from('posts')
      .select('id, comments(content)')
      .eq('id', 1)
      .gte('comments.votes', 3)
      .order('content', { referencedTable: 'comments' })
      .range(1, 1, { referencedTable: 'comments' })
    expect(filtered.data).toEqual([{ id: 1, comments: [{ content: 'Nice' }] }])
  })

  it('embeds one-to-one as an object from both sides', async () => {
    const authors = await t.anon().from('authors').select('id, author_bios(bio)').order('id').limit(2)
    expect(authors.data).toEqual([
      { id: 1, author_bios: { bio: 'Counts things' } },
      { id: 2, author_bios: null },
    ])
    const bios = await t.anon().from('author_bios').select('bio, authors(name)')
    expect(bios.data).toEqual([{ bio: 'Counts things', authors: { name: 'Ada' } }])
  })

  it('embeds many-to-many through a junction table', async () => {
    const { data } = await t.anon().from('posts').select('id, labels(name)').order('id')
    expect(data).toEqual([
      { id: 1, labels: [{ name: 'news' }, { name: 'pets' }] },
      { id: 2, labels: [{ name: 'pets' }] },
      { id: 3, labels: [] },
      { id: 4, labels: [{ name: 'meta' }] },
    ])
  })

  it('embeds a self-reference both ways with hints, and nests embeds', async () => {
    const { data } = await t
      .anon()
      .from('employees')
      .select('name, manager:employees!manager_id(name, manager:employees!manager_id(name)), reports:employees!employees_manager_id_fkey(name)')
      .order('id')
    expect(data).toEqual([
      { name: 'Boss', manager: null, reports: [{ name: 'Mid' }] },
      { name: 'Mid', manager: { name: 'Boss', manager: null }, reports: [{ name: 'Junior' }] },
      { name: 'Junior', manager: { name: 'Mid', manager: { name: 'Boss' } }, reports: [] },
    ])
  })

  it('filters parents with !inner and with is.null on the embed', async () => {
    const inner = await t.anon().from('posts').select('id, comments!inner(content)').eq('comments.content', 'Woof')
    expect(inner.data).toEqual([{ id: 2, comments: [{ content: 'Woof' }] }])
    const left = await t.anon().from('posts').select('id, comments!left(content)').eq('comments.content', 'Woof').order('id')
    expect(left.data?.map((r) => r.comments.length)).toEqual([0, 1, 0, 0])
    const without = await t.anon().from('posts').select('id, comments()').is('comments', null).order('id')
    expect(without.data).toEqual([{ id: 3 }, { id: 4 }])
    const withSome = await t.anon().from('posts').select('id, comments(id)').not('comments', 'is', null).order('id')
    expect(withSome.data?.map((r) => r.id)).toEqual([1, 2])
  })

  it('orders parents by a to-one embed and spreads to-one columns', async () => {
    const ordered = await t
      .anon()
      .from('posts')
      .select('id, author:authors!posts_author_id_fkey(name)')
      .order('author(name)', { ascending: false })
      .order('id')
    expect(ordered.data?.map((r) => r.id)).toEqual([4, 3, 1, 2])
    const spread = await t.anon().from('posts').select('id, ...authors!posts_author_id_fkey(author_name:name)').eq('id', 3)
    expect(spread.data).toEqual([{ id: 3, author_name: 'Brian' }])
  })

  it('embeds through a view using its base table foreign keys', async () => {
    const { data } = await t.anon().from('published_posts').select('id, authors(name)').order('id')
    expect(data).toEqual([
      { id: 1, authors: { name: 'Ada' } },
      { id: 2, authors: { name: 'Ada' } },
      { id: 4, authors: { name: 'Chloé' } },
    ])
  })
})

describe('embedding errors', () => {
  it('answers an unknown relationship with PGRST200', async () => {
    const { error, status } = await t.anon().from('posts').select('id, secrets(*)')
    expect(status).toBe(400)
    expect(error).toEqual({
      code: 'PGRST200',
      details: "Searched for a foreign key relationship between 'posts' and 'secrets' in the schema 'public', but no matches were found.",
      hint: null,
      message: "Could not find a relationship between 'posts' and 'secrets' in the schema cache",
    })
  })

  it('answers an ambiguous embed with 300 PGRST201 listing the candidates', async () => {
    const { error, status } = await t.anon().from('posts').select('id, authors(name)')
    expect(status).toBe(300)
    expect(error).toEqual({
      code: 'PGRST201',
      details: [
        {
          cardinality: 'many-to-one',
          embedding: 'posts with authors',
          relationship: 'posts_author_id_fkey using posts(author_id) and authors(id)',
        },
        {
          cardinality: 'many-to-one',
          embedding: 'posts with authors',
          relationship: 'posts_editor_id_fkey using posts(editor_id) and authors(id)',
        },
      ],
      hint: "Try changing 'authors' to one of the following: 'authors!posts_author_id_fkey', 'authors!posts_editor_id_fkey'. Find the desired relationship in the 'details' key.",
      message: "Could not embed because more than one relationship was found for 'posts' and 'authors'",
    })
  })

  it('refuses filters on an embed that is not selected (PGRST108) and bad embed operators (PGRST120)', async () => {
    const missing = await t.anon().from('posts').select('id').eq('comments.votes', 1)
    expect(missing.status).toBe(400)
    expect(missing.error).toEqual({
      code: 'PGRST108',
      details: null,
      hint: "Verify that 'comments' is included in the 'select' query parameter.",
      message: "'comments' is not an embedded resource in this request",
    })
    const bad = await t.anon().from('posts').select('id, comments(id)').eq('comments', 'x')
    expect(bad.status).toBe(400)
    expect(bad.error).toMatchObject({ code: 'PGRST120', message: "Bad operator on the 'comments' embedded resource" })
  })

  it('refuses aggregates with PGRST123 and related order on to-many with PGRST118', async () => {
    const agg = await t.rest('/posts?select=count()')
    expect(agg.status).toBe(400)
    expect(((await agg.json()) as { code: string }).code).toBe('PGRST123')
    const order = await t.anon().from('posts').select('id, comments(votes)').order('comments(votes)')
    expect(order.status).toBe(400)
    expect(order.error?.code).toBe('PGRST118')
  })
})
