import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendEmail } from '@/lib/email/send'
import { AppError } from '@/lib/errors'
import { inviteToPortal, revokePortalAccess } from '@/lib/portal/invite'
import { latestMail, type MailboxMessage } from '../../helpers/mailbox.ts'
import { useAppEnv } from '../../helpers/app-session.ts'
import { clientAs, uniqueEmail } from '../../helpers/personas.ts'
import { serviceClient, stack, superuser } from '../../helpers/stack.ts'
import { createClientRecord, createWorld, type World } from '../../helpers/world.ts'

const SITE_URL = 'http://127.0.0.1:4011'
const sql = superuser()
let world: World

/** Follows the invitation as /auth/confirm does: verifyOtp with the link's token hash and type. */
async function followInvite(mail: MailboxMessage) {
  const href = mail.links.find((l) => l.startsWith(`${SITE_URL}/auth/confirm`))
  expect(href).toBeDefined()
  const url = new URL(href!)
  expect(url.searchParams.get('next')).toBe('/portal')
  const portal = createClient(stack().apiUrl, stack().anonKey, { auth: { persistSession: false, autoRefreshToken: false } })
  const { data, error } = await portal.auth.verifyOtp({
    token_hash: url.searchParams.get('token_hash')!,
    type: url.searchParams.get('type') as 'magiclink' | 'signup',
  })
  expect(error).toBeNull()
  expect(data.session).not.toBeNull()
  return portal
}

async function newInvitee(practiceId: string) {
  const email = uniqueEmail('invitee')
  const record = await createClientRecord(sql, practiceId, null, 'Ines')
  await sql`update public.clients set email = ${email} where id = ${record.id}`
  return { email, record }
}

beforeAll(async () => {
  world = await createWorld(sql)
  useAppEnv({ NEXT_PUBLIC_SITE_URL: SITE_URL })
})

afterAll(() => sql.end())

describe('portal invitation', () => {
  it('invites a new client, who follows the email into her own record only; revoking refuses her next request', async () => {
    const doula = await clientAs(world.personas.doulaA.user!)
    const { email, record } = await newInvitee(world.a.id)
    const deps = { db: doula, admin: serviceClient(), deliver: sendEmail, siteUrl: SITE_URL }

    const { portalUserId } = await inviteToPortal(deps, { practiceId: world.a.id, clientId: record.id })
    const [linked] = await sql`select portal_user_id from public.clients where id = ${record.id}`
    expect(linked!.portal_user_id).toBe(portalUserId)

    const mail = await latestMail(email)
    expect(mail.subject).toBe('You are invited to DoulaOS')
    const portal = await followInvite(mail)
    const mine = await portal.from('clients').select('id')
    expect(mine.data?.map((c) => c.id)).toEqual([record.id])

    await revokePortalAccess(doula, { practiceId: world.a.id, clientId: record.id })
    const after = await portal.from('clients').select('id')
    expect(after.error).toBeNull()
    expect(after.data).toEqual([])
    const messages = await portal.from('messages').select('id')
    expect(messages.data).toEqual([])
  })

  it('resends a fresh link to an existing login and keeps the same portal user', async () => {
    const doula = await clientAs(world.personas.doulaA.user!)
    const { email, record } = await newInvitee(world.a.id)
    const deps = { db: doula, admin: serviceClient(), deliver: sendEmail, siteUrl: SITE_URL }
    const first = await inviteToPortal(deps, { practiceId: world.a.id, clientId: record.id })
    const firstMail = await latestMail(email)
    const second = await inviteToPortal(deps, { practiceId: world.a.id, clientId: record.id })
    expect(second.portalUserId).toBe(first.portalUserId)
    const secondMail = await latestMail(email)
    expect(secondMail.links[0]).not.toBe(firstMail.links[0])
    const portal = await followInvite(secondMail)
    expect((await portal.from('clients').select('id')).data?.map((c) => c.id)).toEqual([record.id])
  })

  it('refuses another practice, a client without email and a client acting on her own record', async () => {
    const { record } = await newInvitee(world.a.id)
    const deps = (db: Awaited<ReturnType<typeof clientAs>>) => ({ db, admin: serviceClient(), deliver: sendEmail, siteUrl: SITE_URL })

    const outsider = await clientAs(world.personas.doulaB.user!)
    await expect(inviteToPortal(deps(outsider), { practiceId: world.a.id, clientId: record.id })).rejects.toMatchObject({ code: 'not_found' })
    await expect(revokePortalAccess(outsider, { practiceId: world.a.id, clientId: record.id })).rejects.toBeInstanceOf(AppError)

    const noEmail = await createClientRecord(sql, world.a.id, null, 'Nomail')
    const doula = await clientAs(world.personas.doulaA.user!)
    await expect(inviteToPortal(deps(doula), { practiceId: world.a.id, clientId: noEmail.id })).rejects.toMatchObject({ code: 'validation' })

    // A portal client can read her record but must not re-point or drop its login.
    const herself = await clientAs(world.personas.clientA1.user!)
    await expect(revokePortalAccess(herself, { practiceId: world.a.id, clientId: world.a1.id })).rejects.toBeInstanceOf(AppError)
    const [still] = await sql`select portal_user_id from public.clients where id = ${world.a1.id}`
    expect(still!.portal_user_id).toBe(world.personas.clientA1.user!.id)
  })
})
