// PostgREST behaviours the stand-in once answered differently from PostgREST 12/13. Each case names
// where the expected answer comes from: a page of docs.postgrest.org (v13), or postgrest-js' own tests
// (supabase/postgrest-js, test/*.test.ts), which run the unmodified client against a real PostgREST.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRestStack, type RestStack } from './fixtures/rest/harness.ts'

let t: RestStack
beforeAll(async () => {
  t = await startRestStack()
})
afterAll(() => t.stop())

const asService = (extra: Record<string, string> = {}) => ({ apikey: t.stack.serviceRoleKey, ...extra })
const body = async (res: Response) => (await res.json()) as Record<string, unknown>

describe('1. max-affected on RPC', () => {
  // docs: references/api/preferences.html#max-affected — with handling=strict, a request affecting more
  // rows than max-affected fails with PGRST124 and its transaction is rolled back (RPC included, v13).
  const call = (n: number) =>
    t.rest('/rpc/add_chats', {
      method: 'POST',
      headers: asService({ 'Content-Type': 'application/json', Prefer: 'handling=strict, max-affected=2' }),
      body: JSON.stringify({ n }),
    })
  const bulkChats = async () => Number((await t.stack.sql`select count(*)::int as n from public.chats where body like 'bulk %'`)[0]!.n)

  it('refuses a call returning more rows than allowed, with PGRST124, and rolls it back', async () => {
    const res = await call(3)
    expect(res.status).toBe(400)
    expect(await body(res)).toMatchObject({ code: 'PGRST124', details: 'The query affects 3 rows' })
    expect(await bulkChats()).toBe(0)
  })

  it('commits a call within the limit', async () => {
    const res = await call(2)
    expect(res.status).toBe(200)
    expect(await bulkChats()).toBe(2)
    await t.stack.sql`delete from public.chats where body like 'bulk %'`
  })
})

describe('2. count=exact on a scalar RPC', () => {
  // docs: references/api/pagination_count.html#exact-count — Content-Range carries the total after the
  // slash; a function returning one scalar is one row (postgrest-js test/rpc.test.ts, count on rpc).
  it('answers Content-Range 0-0/1', async () => {
    const res = await t.rest('/rpc/add?a=1&b=2', { headers: { Prefer: 'count=exact' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-range')).toBe('0-0/1')
    expect(await res.json()).toBe(3)
  })

  it('counts every row of a set of scalars, not the page', async () => {
    const res = await t.rest('/rpc/series?n=5&limit=2', { headers: { Prefer: 'count=exact' } })
    expect(res.status).toBe(206)
    expect(res.headers.get('content-range')).toBe('0-1/5')
  })
})

describe('3. planned and estimated counts', () => {
  // docs: references/api/pagination_count.html#planned-count — "PostgREST uses PostgreSQL statistics
  // … the row estimate the planner gives for the query", i.e. EXPLAIN of the request's own query.
  it("gives the planner's row estimate for the query itself", async () => {
    await t.stack.sql`analyze public.posts`
    const [plan] = await t.stack.sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>`
      explain (format json) select * from public.posts where id < 3`
    const expected = plan!['QUERY PLAN'][0].Plan['Plan Rows']
    for (const count of ['planned', 'estimated']) {
      const res = await t.rest('/posts?select=id&id=lt.3', { headers: asService({ Prefer: `count=${count}` }) })
      const total = Number(res.headers.get('content-range')!.split('/')[1])
      if (count === 'planned') expect(total).toBe(expected)
      // estimated: exact while under max_rows (docs: #estimated-count).
      else expect(total).toBe(2)
    }
  })
})

describe('4. embedding by foreign key constraint name', () => {
  // postgrest-js test/index.test.ts "join on 1-M relation with selective fk hinting";
  // docs: references/api/resource_embedding.html#foreign-key-joins (a FK name as the target).
  it('embeds the to-many side named by the constraint', async () => {
    const { data, error } = await t
      .anon()
      .from('members')
      .select('username, first_friend_of:friendships_first_member_fkey(id), third_wheel_of:friendships_third_wheel_fkey(id)')
      .eq('username', 'ann')
      .single()
    expect(error).toBeNull()
    expect(data).toEqual({ username: 'ann', first_friend_of: [{ id: 1 }], third_wheel_of: [{ id: 2 }] })
  })

  it('embeds the to-one side named by the constraint', async () => {
    const { data, error } = await t.anon().from('friendships').select('id, friendships_second_member_fkey(username)').order('id')
    expect(error).toBeNull()
    expect(data).toEqual([
      { id: 1, friendships_second_member_fkey: { username: 'bob' } },
      { id: 2, friendships_second_member_fkey: { username: 'cyd' } },
    ])
  })
})

describe('5. a FK column as the target, with views inheriting the FK', () => {
  // docs: references/api/resource_embedding.html#foreign-key-joins ("the column as target");
  // postgrest-js test/index.test.ts embeds `username(*)` from messages while views over users exist.
  it('embeds through the column without a false PGRST201', async () => {
    const { data, error } = await t.anon().from('chats').select('body, username(status)').eq('body', 'yo')
    expect(error).toBeNull()
    expect(data).toEqual([{ body: 'yo', username: { status: 'offline' } }])
  })

  it('takes the FK itself over the copy a view inherits (before: PGRST201 naming one FK twice)', async () => {
    const { data, error } = await t.anon().from('friendships').select('id, first_member(username)').order('id')
    expect(error).toBeNull()
    expect(data).toEqual([
      { id: 1, first_member: { username: 'ann' } },
      { id: 2, first_member: { username: 'bob' } },
    ])
  })

  it('lists each candidate once when the table name is ambiguous', async () => {
    const res = await t.rest('/friendships?select=members(username)')
    expect(res.status).toBe(300)
    const error = await body(res)
    expect(error.code).toBe('PGRST201')
    const hint = String(error.hint)
    for (const fk of ['friendships_first_member_fkey', 'friendships_second_member_fkey', 'friendships_third_wheel_fkey']) {
      expect(hint.split(`'members!${fk}'`)).toHaveLength(2)
    }
  })
})

describe('6. self-referencing embeds', () => {
  // postgrest-js test/index.test.ts "self-referencing relation": `collections?select=*,collections(*)`
  // gives each row's children; docs: references/api/resource_embedding.html#recursive-relationships.
  it("embeds a row's children under the table's own name", async () => {
    const { data, error } = await t.anon().from('folders').select('name, folders(name)').in('id', [1, 2, 3]).order('id')
    expect(error).toBeNull()
    expect(data).toEqual([
      { name: 'root', folders: [{ name: 'docs' }, { name: 'pics' }] },
      { name: 'docs', folders: [{ name: 'drafts' }] },
      { name: 'pics', folders: [] },
    ])
  })
})

describe('7. functions with one unnamed parameter', () => {
  // docs: references/api/functions.html#functions-with-a-single-unnamed-parameter — raw json, text,
  // bytea or xml bodies by Content-Type; overloads resolved by it (PGRST203 when still ambiguous).
  const post = (fn: string, contentType: string, payload: BodyInit) =>
    t.rest(`/rpc/${fn}`, { method: 'POST', headers: asService({ 'Content-Type': contentType }), body: payload })

  it('passes a raw body to the overload of its media type', async () => {
    expect(await (await post('shout', 'text/plain', 'hey')).json()).toBe('HEY')
    expect(await (await post('shout', 'application/octet-stream', new Uint8Array([1, 2, 3, 0]))).json()).toBe(4)
    expect(await (await post('shout', 'application/json', JSON.stringify({ word: 'json' }))).json()).toBe('JSON')
  })

  it('answers {"": "x"} with PGRST202, never a SQL syntax error', async () => {
    const res = await post('whisper', 'application/json', JSON.stringify({ '': 'X' }))
    expect(res.status).toBe(404)
    expect(await body(res)).toMatchObject({ code: 'PGRST202' })
    const raw = await post('whisper', 'application/octet-stream', 'X')
    expect(raw.status).toBe(404)
    expect(await body(raw)).toMatchObject({ code: 'PGRST202' })
  })

  it('answers overloads it cannot choose between with PGRST203', async () => {
    const res = await post('either', 'application/json', '{}')
    expect(res.status).toBe(300)
    expect(await body(res)).toMatchObject({ code: 'PGRST203' })
  })
})

describe('8. the same table embedded twice', () => {
  // PostgREST aliases each embed by its name, so PostgreSQL refuses the second one: 42712 (400 by
  // docs: references/errors.html#http-status-codes, class 42 → 400).
  it('is 400 42712 without aliases, and fine with them', async () => {
    const res = await t.rest('/posts?select=id,authors!posts_author_id_fkey(name),authors!posts_editor_id_fkey(name)')
    expect(res.status).toBe(400)
    expect(await body(res)).toMatchObject({ code: '42712', message: 'table name "authors" specified more than once' })
    const aliased = await t
      .anon()
      .from('posts')
      .select('id, author:authors!posts_author_id_fkey(name), editor:authors!posts_editor_id_fkey(name)')
      .eq('id', 1)
    expect(aliased.data).toEqual([{ id: 1, author: { name: 'Ada' }, editor: { name: 'Brian' } }])
  })
})

describe('9. aggregates and computed relationships', () => {
  // docs: references/api/aggregate_functions.html — off by default (PGRST123); Supabase turns them on
  // with `alter role authenticator set pgrst.db_aggregates_enabled = 'true'` and `notify pgrst, 'reload config'`.
  const sums = () => t.rest('/sales?select=region,total:amount.sum(),count()&order=region')

  it('refuses aggregates with PGRST123 while they are off', async () => {
    const res = await t.rest('/sales?select=amount.sum()')
    expect(res.status).toBe(400)
    expect(await body(res)).toMatchObject({ code: 'PGRST123', message: 'Use of aggregate functions is not allowed' })
  })

  it('groups by the other columns once the platform setting turns them on', async () => {
    await t.stack.sql`alter role authenticator set pgrst.db_aggregates_enabled = 'true'`
    await t.stack.sql`notify pgrst, 'reload config'`
    try {
      let res = await sums()
      for (let i = 0; res.status !== 200 && i < 50; i++) res = await new Promise((ok) => setTimeout(ok, 50)).then(sums)
      expect(await res.json()).toEqual([
        { region: 'north', total: 15.5, count: 2 },
        { region: 'south', total: 7, count: 1 },
      ])
      const single = await t.anon().from('sales').select('amount.max(), amount.avg()::int').single()
      expect(single.data).toEqual({ max: 10, avg: 8 })
    } finally {
      await t.stack.sql`alter role authenticator reset pgrst.db_aggregates_enabled`
      await t.stack.sql`notify pgrst, 'reload config'`
    }
  })

  // docs: references/api/resource_embedding.html#computed-relationships — not implemented here: an
  // explicit refusal (PGRST127, PostgREST's "feature not implemented") instead of a misleading PGRST200.
  it('refuses a computed relationship as not supported by the stand-in', async () => {
    const res = await t.rest('/members?select=username,recent_chats(body)')
    expect(res.status).toBe(400)
    const error = await body(res)
    expect(error.code).toBe('PGRST127')
    expect(String(error.details)).toContain('not supported by the local stand-in')
  })
})

describe('10. bulk insert with defaults', () => {
  // docs: references/api/tables_views.html#bulk-insert-with-default-values — with missing=default every
  // row gets the column defaults; `[{}, {}]` inserts as many rows as objects.
  it('draws a default for every row', async () => {
    const res = await t.rest('/tickets?columns=note', {
      method: 'POST',
      headers: asService({ 'Content-Type': 'application/json', Prefer: 'missing=default, return=representation' }),
      body: JSON.stringify([{ note: 'a' }, {}, {}]),
    })
    expect(res.status).toBe(201)
    const rows = (await res.json()) as { code: string; note: string }[]
    expect(rows.map((r) => r.note)).toEqual(['a', 'none', 'none'])
    expect(new Set(rows.map((r) => r.code)).size).toBe(3)
  })

  it('inserts one row of defaults per empty object', async () => {
    const before = Number((await t.stack.sql`select count(*)::int as n from public.tickets`)[0]!.n)
    const { error, status } = await t.service().from('tickets').insert([{}, {}, {}])
    expect({ error, status }).toEqual({ error: null, status: 201 })
    expect(Number((await t.stack.sql`select count(*)::int as n from public.tickets`)[0]!.n)).toBe(before + 3)
  })
})
