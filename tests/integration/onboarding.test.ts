import { afterAll, describe, expect, it } from 'vitest'
import { anonApiClient, claimsFor, clientAs, createUser, type TestUser } from '../helpers/personas.ts'
import { superuser } from '../helpers/stack.ts'

const sql = superuser()
afterAll(() => sql.end())

/** What the app does after sign-in: one RPC with the user's session (each call a new device/session). */
async function onboard(user: TestUser): Promise<string> {
  const { data, error } = await (await clientAs(user)).rpc('complete_onboarding')
  if (error) throw new Error(`complete_onboarding failed: ${error.code} ${error.message}`)
  return data as string
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
    const id = await onboard(user)
    expect(await practicesOf(user)).toEqual([
      { id, name: 'Harbor Birth Works', slug: 'harbor-birth-works', role: 'owner', created_by: user.id },
    ])
    const [profile] = await sql`select full_name, email from public.profiles where id = ${user.id}`
    expect(profile).toEqual({ full_name: 'Maya Rivera', email: user.email })
  })

  it('falls back to "<full_name>\'s practice", then to the email local part', async () => {
    const named = await createUser(sql, { fullName: 'Ana Lopez' })
    await onboard(named)
    expect((await practicesOf(named))[0]?.name).toBe("Ana Lopez's practice")

    const bare = await createUser(sql, { email: `jo.bloggs-${Date.now()}@test.doulaos.app` })
    await onboard(bare)
    const [practice] = await practicesOf(bare)
    expect(practice?.name).toMatch(/^jo\.bloggs-\d+'s practice$/)
    expect(practice?.slug).toMatch(/^jo-bloggs-\d+-s-practice$/)
  })

  it('derives a unique slug when two practices share a name', async () => {
    const first = await createUser(sql, { practiceName: 'Same Name Doulas' })
    const second = await createUser(sql, { practiceName: 'Same Name Doulas' })
    await onboard(first)
    await onboard(second)
    const [a] = await practicesOf(first)
    const [b] = await practicesOf(second)
    expect(a?.slug).not.toBe(b?.slug)
    expect(b?.slug).toMatch(/^same-name-doulas(-[0-9a-f]{6})?$/)
  })

  it('returns the existing practice on a second call and never creates another', async () => {
    const user = await createUser(sql, { practiceName: 'Once Only' })
    const first = await onboard(user)
    const second = await onboard(user)
    expect(second).toBe(first)
    expect(await practicesOf(user)).toHaveLength(1)
  })

  it('creates exactly one practice when several devices call it concurrently', async () => {
    const user = await createUser(sql, { practiceName: 'Two Tabs' })
    const ids = await Promise.all([onboard(user), onboard(user), onboard(user), onboard(user)])
    expect(new Set(ids).size).toBe(1)
    expect(await practicesOf(user)).toHaveLength(1)
    const [row] = await sql<{ count: number }[]>`
      select count(*)::int as count from public.practices where created_by = ${user.id}`
    expect(row?.count).toBe(1)
  })

  it('makes a second device wait for the first and then return the same practice', async () => {
    const user = await createUser(sql, { practiceName: 'Overlapping Devices' })
    // A pool of its own: both of its connections stay reserved until the two transactions end.
    const devices = superuser()
    const [first, second] = [await devices.reserve(), await devices.reserve()]
    try {
      const openAs = async (conn: typeof first) => {
        await conn`begin`
        await conn`select set_config('request.jwt.claims', ${JSON.stringify(claimsFor(user))}, true)`
        await conn`set local role authenticated`
      }
      await openAs(first)
      const [created] = await first<{ id: string }[]>`select public.complete_onboarding() as id`
      await openAs(second)
      let settled = false
      const pending = second<{ id: string }[]>`select public.complete_onboarding() as id`.then((r) => {
        settled = true
        return r
      })
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(settled).toBe(false)
      await first`commit`
      const [returned] = await pending
      await second`commit`
      expect(returned!.id).toBe(created!.id)
      expect(await practicesOf(user)).toHaveLength(1)
    } finally {
      first.release()
      second.release()
      await devices.end()
    }
  })

  it('returns a practice the user was invited into instead of creating one', async () => {
    const owner = await createUser(sql, { practiceName: 'Inviting Practice' })
    const practiceId = await onboard(owner)
    const doula = await createUser(sql, { practiceName: 'Would Be Second' })
    await sql`insert into public.practice_members (practice_id, user_id, role) values (${practiceId}, ${doula.id}, 'doula')`
    expect(await onboard(doula)).toBe(practiceId)
    const [row] = await sql<{ count: number }[]>`
      select count(*)::int as count from public.practices where created_by = ${doula.id}`
    expect(row?.count).toBe(0)
  })

  it('is refused to anonymous callers', async () => {
    const { data, error } = await anonApiClient().rpc('complete_onboarding')
    expect(data).toBeNull()
    expect(error?.code).toBe('42501')
  })

  describe('a client portal login (issue 19, defect 1)', () => {
    async function clientRecord(practiceId: string, portalUserId: string | null) {
      const [row] = await sql<{ id: string }[]>`
        insert into public.clients (practice_id, first_name, last_name, portal_user_id)
        values (${practiceId}, 'Ines', 'Moreau', ${portalUserId}) returning id`
      return row!.id
    }

    async function refusal(user: TestUser) {
      const db = await clientAs(user)
      const { data, error } = await db.rpc('complete_onboarding')
      return { data, code: error?.code, hint: error?.hint }
    }

    it('is refused a practice, and told so, when a client record is linked to it', async () => {
      const practiceId = await onboard(await createUser(sql, { practiceName: 'Her Doula' }))
      const client = await createUser(sql, { fullName: 'Ines Moreau' })
      await clientRecord(practiceId, client.id)

      expect(await refusal(client)).toEqual({ data: null, code: '42501', hint: 'portal_login' })
      expect(await practicesOf(client)).toEqual([])
      const { data } = await (await clientAs(client)).rpc('is_portal_only_login')
      expect(data).toBe(true)
    })

    it('stays refused after her access is revoked when her invitation created the login', async () => {
      const practiceId = await onboard(await createUser(sql, { practiceName: 'Revoking Doula' }))
      const client = await createUser(sql, {})
      const recordId = await clientRecord(practiceId, null)
      await sql`select public.record_login_origin(${client.id}, ${practiceId}, ${recordId})`

      expect(await refusal(client)).toEqual({ data: null, code: '42501', hint: 'portal_login' })
      expect(await practicesOf(client)).toEqual([])
    })

    it('is not a portal-only login once she is a member, nor is a doula who never was a client', async () => {
      const practiceId = await onboard(await createUser(sql, { practiceName: 'Team Practice' }))
      const both = await createUser(sql, { fullName: 'Dana Both' })
      await clientRecord(practiceId, both.id)
      await sql`insert into public.practice_members (practice_id, user_id, role) values (${practiceId}, ${both.id}, 'doula')`
      expect(await onboard(both)).toBe(practiceId)
      expect((await (await clientAs(both)).rpc('is_portal_only_login')).data).toBe(false)

      const doula = await createUser(sql, { practiceName: 'Only A Doula' })
      expect((await (await clientAs(doula)).rpc('is_portal_only_login')).data).toBe(false)
    })
  })
})
