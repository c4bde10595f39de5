import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalStack, type LocalStack } from '@doulaos/supabase-local'
import { clientAs, type TestUser } from '../../helpers/personas.ts'
import type { StackInfo } from '../../helpers/stack.ts'

// The demo seed on a stack of its own, read through supabase-js as its three logins.
const MAYA: TestUser = { id: '5eed0000-0000-4000-8000-000000000001', email: 'maya@demo.doulaos.app' }
const ANA: TestUser = { id: '5eed0000-0000-4000-8000-000000000002', email: 'ana@demo.doulaos.app' }
const OLIVIA: TestUser = { id: '5eed0000-0000-4000-8000-000000000003', email: 'client1@demo.doulaos.app' }

let stack: LocalStack
let info: StackInfo
beforeAll(async () => {
  stack = await startLocalStack({ ephemeral: true, seed: true })
  info = { apiUrl: stack.apiUrl, dbUrl: stack.dbUrl, mailboxUrl: stack.mailboxUrl, anonKey: stack.anonKey, serviceRoleKey: stack.serviceRoleKey, jwtSecret: stack.jwtSecret }
})
afterAll(() => stack.stop())

async function visible(user: TestUser, table: string) {
  const { data, error } = await (await clientAs(user, info)).from(table).select('*')
  if (error) throw new Error(`${table}: ${error.code} ${error.message}`)
  return data as Record<string, unknown>[]
}

describe('demo seed', () => {
  it('gives the owner Harbor Doula Collective with eight clients at every stage', async () => {
    const [practice] = await visible(MAYA, 'practices')
    expect(practice).toMatchObject({ name: 'Harbor Doula Collective', slug: 'harbor-doula-collective' })
    expect(await visible(MAYA, 'clients')).toHaveLength(8)
    const statuses = (await visible(MAYA, 'journeys')).map((j) => j.status).sort()
    expect(statuses).toEqual(['active', 'booked', 'booked', 'booked', 'complete', 'consult', 'lead', 'postpartum'])
    const members = await visible(ANA, 'practice_members')
    expect(members.map((m) => m.role).sort()).toEqual(['doula', 'owner'])
  })

  it('keeps the demo current: due dates from 6 to 40 weeks along, a recent birth, appointments in the next two weeks', async () => {
    const journeys = await visible(MAYA, 'journeys')
    const weeksAlong = journeys
      .filter((j) => j.status === 'booked' || j.status === 'active')
      .map((j) => Math.round(40 - (Date.parse(String(j.due_date)) - Date.now()) / (7 * 86_400_000)))
      .sort((a, b) => a - b)
    expect(weeksAlong[0]).toBeGreaterThanOrEqual(5)
    expect(weeksAlong[0]).toBeLessThanOrEqual(7)
    expect(weeksAlong.at(-1)).toBeGreaterThanOrEqual(39)
    const postpartum = journeys.find((j) => j.status === 'postpartum')!
    expect(Date.now() - Date.parse(String(postpartum.born_at))).toBeLessThan(14 * 86_400_000)
    const starts = (await visible(MAYA, 'appointments')).map((a) => Date.parse(String(a.starts_at)))
    expect(starts.length).toBeGreaterThanOrEqual(6)
    for (const t of starts) expect(t - Date.now()).toBeLessThan(15 * 86_400_000)
    expect(starts.some((t) => t - Date.now() < 7 * 86_400_000)).toBe(true)
    expect(starts.some((t) => t - Date.now() > 7 * 86_400_000)).toBe(true)
  })

  it('shows the portal client only her own record, shared items and her thread, never notes', async () => {
    const clients = await visible(OLIVIA, 'clients')
    expect(clients.map((c) => c.first_name)).toEqual(['Olivia'])
    expect((await visible(OLIVIA, 'journeys')).map((j) => j.client_id)).toEqual([clients[0]!.id])
    const milestones = await visible(OLIVIA, 'milestones')
    expect(milestones.length).toBeGreaterThan(0)
    expect(milestones.every((m) => m.shared_with_client === true && m.client_id === clients[0]!.id)).toBe(true)
    expect((await visible(OLIVIA, 'appointments')).every((a) => a.client_id === clients[0]!.id)).toBe(true)
    expect(await visible(OLIVIA, 'messages')).toHaveLength(3)
    expect(await visible(OLIVIA, 'notes')).toEqual([])
    expect(await visible(OLIVIA, 'audit_log')).toEqual([])
    expect(await visible(OLIVIA, 'practice_invitations')).toEqual([])
    // The team's profiles (names and login emails) are for members only.
    expect(await visible(OLIVIA, 'profiles')).toEqual([])
    expect(await visible(OLIVIA, 'portal_invitations')).toEqual([])
  })
})
