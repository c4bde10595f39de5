// PostgREST's URL grammar (docs.postgrest.org v13: references/api/tables_views.html for filters,
// logic trees and ordering; resource_embedding.html for embeds; aggregate_functions.html), parsed
// without a database.
import { describe, expect, it } from 'vitest'
import { ApiError } from '../rest/errors.ts'
import { parseOrder, parseQueryParams, parseSelect, splitTopLevel } from '../rest/query-string.ts'

const parse = (query: string, args: string[] = []) => parseQueryParams(new URLSearchParams(query), new Set(args))
const col = (name: string, path: { arrow: '->' | '->>'; key: string }[] = []) => ({ name, path })

function failure(run: () => unknown): ApiError {
  try {
    run()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected a PGRST error')
}

describe('select', () => {
  it('is * when absent or blank', () => {
    expect(parseSelect(null)).toEqual([{ kind: 'star' }])
    expect(parseSelect('  ')).toEqual([{ kind: 'star' }])
  })

  it('reads columns with aliases, casts and JSON paths, ignoring spaces outside quotes', () => {
    expect(parseSelect('id, heading:title, rating::text, meta->stats->>views, "odd, name"')).toEqual([
      { kind: 'column', field: col('id') },
      { kind: 'column', field: col('title'), alias: 'heading' },
      { kind: 'column', field: col('rating'), cast: 'text' },
      { kind: 'column', field: col('meta', [{ arrow: '->', key: 'stats' }, { arrow: '->>', key: 'views' }]) },
      { kind: 'column', field: col('odd, name') },
    ])
  })

  it('reads embeds with aliases, hints, join kinds, spreads and nesting', () => {
    expect(parseSelect('author:authors!posts_author_id_fkey!inner(name),...labels(name),comments(id,votes(*))')).toEqual([
      {
        kind: 'embed',
        name: 'authors',
        alias: 'author',
        hint: 'posts_author_id_fkey',
        join: 'inner',
        spread: false,
        children: [{ kind: 'column', field: col('name') }],
      },
      { kind: 'embed', name: 'labels', join: 'left', spread: true, children: [{ kind: 'column', field: col('name') }] },
      {
        kind: 'embed',
        name: 'comments',
        join: 'left',
        spread: false,
        children: [
          { kind: 'column', field: col('id') },
          { kind: 'embed', name: 'votes', join: 'left', spread: false, children: [{ kind: 'star' }] },
        ],
      },
    ])
  })

  it('reads aggregates: count() alone, column.fn(), aliased and cast', () => {
    expect(parseSelect('region,count(),total:amount.sum(),amount.avg()::int')).toEqual([
      { kind: 'column', field: col('region') },
      { kind: 'aggregate', fn: 'count' },
      { kind: 'aggregate', fn: 'sum', field: col('amount'), alias: 'total' },
      { kind: 'aggregate', fn: 'avg', field: col('amount'), cast: 'int' },
    ])
  })

  it.each([
    ['an unclosed embed', 'id,authors(name'],
    ['an empty item', 'id,,title'],
    ['a cast that is not a type name', 'id::text;drop'],
    ['a spread without an embed', '...title'],
    ['an aggregate other than count without a column', 'sum()'],
    ['two hints', 'authors!a!b(name)'],
  ])('refuses %s with PGRST100', (_label, select) => {
    expect(failure(() => parseSelect(select))).toMatchObject({ status: 400, code: 'PGRST100' })
  })
})

describe('filters', () => {
  it('reads operators, negation, lists and quantifiers per level', () => {
    const qp = parse('id=in.(1,"2,3")&title=not.ilike.*cat*&tags=cs.{a,b}&rating=gt(any).{1,2}&comments.votes=gte.3&meta->>lang=eq.en')
    expect(qp.levels.get('')!.filters).toEqual([
      { kind: 'filter', field: col('id'), negate: false, operation: { op: 'in', values: ['1', '2,3'] } },
      { kind: 'filter', field: col('title'), negate: true, operation: { op: 'ilike', value: '*cat*' } },
      { kind: 'filter', field: col('tags'), negate: false, operation: { op: 'cs', value: '{a,b}' } },
      { kind: 'filter', field: col('rating'), negate: false, operation: { op: 'gt', quantifier: 'any', values: ['1', '2'] } },
      { kind: 'filter', field: col('meta', [{ arrow: '->>', key: 'lang' }]), negate: false, operation: { op: 'eq', value: 'en' } },
    ])
    expect(qp.levels.get('comments')!.filters).toEqual([
      { kind: 'filter', field: col('votes'), negate: false, operation: { op: 'gte', value: '3' } },
    ])
  })

  it('reads is, full-text search with a config, and keeps top-level values literal', () => {
    const qp = parse('body=is.NULL&search=fts(english).cat&title=eq."quoted"')
    expect(qp.levels.get('')!.filters.map((f) => (f.kind === 'filter' ? f.operation : null))).toEqual([
      { op: 'is', value: 'null' },
      { op: 'fts', config: 'english', value: 'cat' },
      { op: 'eq', value: '"quoted"' },
    ])
  })

  it('reads nested logic trees, unquoting values inside them', () => {
    const qp = parse('not.or=(id.eq.1,and(title.eq."a,b",rating.not.is.null))')
    expect(qp.levels.get('')!.filters).toEqual([
      {
        kind: 'logic',
        op: 'or',
        negate: true,
        children: [
          { kind: 'filter', field: col('id'), negate: false, operation: { op: 'eq', value: '1' } },
          {
            kind: 'logic',
            op: 'and',
            negate: false,
            children: [
              { kind: 'filter', field: col('title'), negate: false, operation: { op: 'eq', value: 'a,b' } },
              { kind: 'filter', field: col('rating'), negate: true, operation: { op: 'is', value: 'null' } },
            ],
          },
        ],
      },
    ])
  })

  it.each([
    ['an unknown operator', 'id=foo.1'],
    ['a value without an operator', 'id=1'],
    ['a quantifier on an operator that takes none', 'tags=cs(any).{a}'],
    ['an is value PostgREST does not know', 'id=is.maybe'],
    ['a logic tree without parentheses', 'or=id.eq.1'],
    ['a negative limit', 'limit=-1'],
  ])('refuses %s with PGRST100', (_label, query) => {
    expect(failure(() => parse(query))).toMatchObject({ status: 400, code: 'PGRST100' })
  })
})

describe('modifiers', () => {
  it('reads order with directions, nulls placement and related columns', () => {
    expect(parseOrder('rating.desc.nullslast,authors(name).asc,id')).toEqual([
      { field: col('rating'), direction: 'desc', nulls: 'last' },
      { field: col('name'), relation: 'authors', direction: 'asc' },
      { field: col('id') },
    ])
    expect(failure(() => parseOrder('id.sideways'))).toMatchObject({ code: 'PGRST100' })
  })

  it('reads limit and offset per level, columns and on_conflict', () => {
    const qp = parse('limit=10&offset=5&comments.limit=2&columns=a,"b c"&on_conflict=a')
    expect(qp.levels.get('')).toMatchObject({ limit: 10, offset: 5 })
    expect(qp.levels.get('comments')).toMatchObject({ limit: 2 })
    expect(qp.columns).toEqual(['a', 'b c'])
    expect(qp.onConflict).toEqual(['a'])
  })

  it("keeps a function's parameters as arguments, not filters", () => {
    const qp = parse('a=1&b=eq.2&id=eq.3', ['a', 'b'])
    expect([...qp.args]).toEqual([
      ['a', '1'],
      ['b', 'eq.2'],
    ])
    expect(qp.levels.get('')!.filters).toHaveLength(1)
  })
})

describe('splitTopLevel', () => {
  it('splits outside quotes and parentheses, honouring escaped quotes', () => {
    expect(splitTopLevel('a,"b,\\"c",d(e,f),g')).toEqual(['a', '"b,\\"c"', 'd(e,f)', 'g'])
  })
})
