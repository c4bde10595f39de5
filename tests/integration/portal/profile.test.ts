import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import { openDeletionRequest, requestDataDeletion, updateContactDetails } from '@/lib/portal/profile'
import { clientAs } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'

const sql = superuser()
let world: World

beforeAll(async () => {
  world = await createWorld(sql)
})
afterAll(() => sql.end())

describe('portal profile', () => {
  it('lets her edit her own contact details and nobody else’s', async () => {
    const alma = await clientAs(world.personas.clientA1.user!)
    await updateContactDetails(alma, world.a1.id, { preferredName: 'Almi', pronouns: 'she/her', phone: '+1 555 0100' })
    const [row] = await sql`select preferred_name, pronouns, phone from public.clients where id = ${world.a1.id}`
    expect(row).toEqual({ preferred_name: 'Almi', pronouns: 'she/her', phone: '+1 555 0100' })
    await expect(updateContactDetails(alma, world.a2.id, { preferredName: 'X', pronouns: '', phone: '' })).rejects.toBeInstanceOf(AppError)
  })

  it('records a deletion request once, shows it to the practice and emails owners and admins only', async () => {
    const alma = await clientAs(world.personas.clientA1.user!)
    const first = await requestDataDeletion(alma, world.a1.id)
    expect(await requestDataDeletion(alma, world.a1.id)).toBe(first)
    expect(await openDeletionRequest(alma, world.a1.id)).not.toBeNull()
    expect(await openDeletionRequest(await clientAs(world.personas.doulaA.user!), world.a1.id)).not.toBeNull()
    expect(await openDeletionRequest(await clientAs(world.personas.doulaB.user!), world.a1.id)).toBeNull()

    const mail = await sql<{ recipient: string; payload: { path: string } }[]>`
      select recipient, payload from public.notifications where template = 'deletion-request' and practice_id = ${world.a.id} order by recipient`
    const expected = [world.personas.ownerA.user!.email, world.personas.adminA.user!.email].map((e) => e.toLowerCase()).sort()
    expect(mail.map((m) => m.recipient)).toEqual(expected)
    expect(mail.every((m) => m.payload.path === `/dashboard/clients/${world.a1.id}`)).toBe(true)
    const audit = await sql`select actor_role from public.audit_log where action = 'deletion.request' and entity_id = ${world.a1.id}`
    expect(audit).toEqual([{ actor_role: 'client' }])

    // Another client cannot file a request on Alma's behalf.
    await expect(requestDataDeletion(await clientAs(world.personas.clientA2.user!), world.a1.id)).rejects.toBeInstanceOf(AppError)
  })
})
