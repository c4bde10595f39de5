import { afterAll, describe, expect, it } from 'vitest'
import { asRole, createUser, type TestUser } from '../helpers/personas.ts'
import { superuser } from '../helpers/stack.ts'

const sql = superuser()
afterAll(() => sql.end())

async function onboardBySql(user: TestUser): Promise<string> {
  return asRole(
    sql,
    user,
    async (tx) => {
      const [row] = await tx<{ id: string }[]>`select public.complete_onboarding() as id`
      return row!.id
    },
    { commit: true },
  )
}

async function practicesOf(user: TestUser) {
  return sql<{ id: string; name: string; slug: string; role: string; created_by: string }[]>`
    select p.id, p.name, p.slug, m.role, p.created_by
    from public.practice_members m join public.practices p on p.id = m.practice_id
    where m.user_id = ${user.id}`
}

describe('complete_onboarding()', () => {
  it('creates the profile, the practice named in user_metadata and the owner membership', async () => {
    const user = await createUser(sql, { fullName: 'Maya Rivera', practiceName: 'Harbor Birth Works' })
    const id = await onboardBySql(user)
    expect(await practicesOf(user)).toEqual([
      { id, name: 'Harbor Birth Works', slug: 'harbor-birth-works', role: 'owner', created_by: user.id },
    ])
    const [profile] = await sql`select full_name, email from public.profiles where id = ${user.id}`
    expect(profile).toEqual({ full_name: 'Maya Rivera', email: user.email })
  })

  it('falls back to "<full_name>\'s practice", then to the email local part', async () => {
    const named = await createUser(sql, { fullName: 'Ana Lopez' })
    await onboardBySql(named)
    expect((await practicesOf(named))[0]?.name).toBe("Ana Lopez's practice")

    const bare = await createUser(sql, { email: `jo.bloggs-${Date.now()}@test.doulaos.app` })
    await onboardBySql(bare)
    const [practice] = await practicesOf(bare)
    expect(practice?.name).toMatch(/^jo\.bloggs-\d+'s practice$/)
    expect(practice?.slug).toMatch(/^jo-bloggs-\d+-s-practice$/)
  })

  it('derives a unique slug when two practices share a name', async () => {
    const first = await createUser(sql, { practiceName: 'Same Name Doulas' })
    const second = await createUser(sql, { practiceName: 'Same Name Doulas' })
    await onboardBySql(first)
    await onboardBySql(second)
    const [a] = await practicesOf(first)
    const [b] = await practicesOf(second)
    expect(a?.slug).not.toBe(b?.slug)
    expect(b?.slug).toMatch(/^same-name-doulas(-[0-9a-f]{6})?$/)
  })

  it('returns the existing practice on a second call and never creates another', async () => {
    const user = await createUser(sql, { practiceName: 'Once Only' })
    const first = await onboardBySql(user)
    const second = await onboardBySql(user)
    expect(second).toBe(first)
    expect(await practicesOf(user)).toHaveLength(1)
  })

  it('creates exactly one practice when two devices call it concurrently', async () => {
    const user = await createUser(sql, { practiceName: 'Two Tabs' })
    const ids = await Promise.all([onboardBySql(user), onboardBySql(user), onboardBySql(user)])
    expect(new Set(ids).size).toBe(1)
    expect(await practicesOf(user)).toHaveLength(1)
    const [row] = await sql<{ count: number }[]>`
      select count(*)::int as count from public.practices where created_by = ${user.id}`
    expect(row?.count).toBe(1)
  })

  it('returns a practice the user was invited into instead of creating one', async () => {
    const owner = await createUser(sql, { practiceName: 'Inviting Practice' })
    const practiceId = await onboardBySql(owner)
    const doula = await createUser(sql, { practiceName: 'Would Be Second' })
    await sql`insert into public.practice_members (practice_id, user_id, role) values (${practiceId}, ${doula.id}, 'doula')`
    expect(await onboardBySql(doula)).toBe(practiceId)
    const [row] = await sql<{ count: number }[]>`
      select count(*)::int as count from public.practices where created_by = ${doula.id}`
    expect(row?.count).toBe(0)
  })

  it('is refused to anonymous callers', async () => {
    await expect(asRole(sql, null, (tx) => tx`select public.complete_onboarding()`)).rejects.toMatchObject({ code: '42501' })
  })
})
