import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendEmail } from '@/lib/email/send'
import { AppError } from '@/lib/errors'
import { acceptPortalInvitation } from '@/lib/portal/accept'
import { PORTAL_JOIN_PATH } from '@/lib/portal/invitation.schema'
import { inviteToPortal, revokePortalAccess } from '@/lib/portal/invite'
import type { Db } from '@/lib/server/db'
import { emailSubject } from '@/lib/security/rate-limit'
import { adminDb, signIn, useAppEnv } from '../../helpers/app-session.ts'
import { latestMail, messagesTo } from '../../helpers/mailbox.ts'
import { followInvite } from '../../helpers/portal-invite.ts'
import { clientAs, createUser, uniqueEmail, type TestUser } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { createClientRecord, createWorld, type ClientRecord, type World } from '../../helpers/world.ts'

const SITE_URL = 'http://127.0.0.1:4011'
const sql = superuser()
let world: World

const deps = (db: Db) => ({ db, admin: adminDb(), deliver: sendEmail, siteUrl: SITE_URL })
const asMember = async (who: TestUser) => (await clientAs(who)) as Db
const doulaA = () => world.personas.doulaA.user!

async function newInvitee(practiceId: string, email = uniqueEmail('invitee')): Promise<{ email: string; record: ClientRecord }> {
  const record = await createClientRecord(sql, practiceId, null, 'Ines')
  await sql`update public.clients set email = ${email} where id = ${record.id}`
  return { email, record }
}

const linkedLogin = async (clientId: string) =>
  (await sql<{ portal_user_id: string | null }[]>`select portal_user_id from public.clients where id = ${clientId}`)[0]!.portal_user_id

beforeAll(async () => {
  world = await createWorld(sql)
  useAppEnv({ NEXT_PUBLIC_SITE_URL: SITE_URL })
})

afterAll(() => sql.end())

describe('portal invitation', () => {
  it('links nothing until she accepts, signed in from the email; then shows her only her record; revoking refuses her next request', async () => {
    const doula = await asMember(doulaA())
    const { email, record } = await newInvitee(world.a.id)

    await inviteToPortal(deps(doula), { practiceId: world.a.id, clientId: record.id }, doulaA().id)
    expect(await linkedLogin(record.id)).toBeNull()
    const [invitation] = await sql`select email, invited_by, accepted_at from public.portal_invitations where client_id = ${record.id}`
    expect(invitation).toMatchObject({ email, invited_by: doulaA().id, accepted_at: null })

    const mail = await latestMail(email)
    expect(mail.subject).toBe('You are invited to DoulaOS')
    expect(mail.text).toContain(`${SITE_URL}${PORTAL_JOIN_PATH}?token=`)
    const { portal, token } = await followInvite(mail, SITE_URL)
    expect((await portal.from('clients').select('id')).data).toEqual([])

    const accepted = await acceptPortalInvitation(portal, token)
    expect(accepted).toEqual({ practiceId: world.a.id })
    const login = await linkedLogin(record.id)
    const { data: me } = await portal.auth.getUser()
    expect(login).toBe(me.user!.id)
    // Her login was created by this invitation: the practice may delete it with her record.
    const origins = await sql`select practice_id, client_id from private.login_origins where user_id = ${login}`
    expect(origins).toEqual([{ practice_id: world.a.id, client_id: record.id }])
    expect((await portal.from('clients').select('id')).data?.map((c) => c.id)).toEqual([record.id])
    // Opening the link again is harmless.
    expect(await acceptPortalInvitation(portal, token)).toEqual({ practiceId: world.a.id })

    await revokePortalAccess(deps(doula), { practiceId: world.a.id, clientId: record.id })
    expect((await portal.from('clients').select('id')).data).toEqual([])
    expect((await portal.from('messages').select('id')).data).toEqual([])
    expect(await acceptPortalInvitation(portal, token)).toEqual({ refused: 'used' })
  })

  it('resends with a new token that replaces the old one, and creates her login once', async () => {
    const doula = await asMember(doulaA())
    const { email, record } = await newInvitee(world.a.id)
    await inviteToPortal(deps(doula), { practiceId: world.a.id, clientId: record.id }, doulaA().id)
    const first = await followInvite(await latestMail(email), SITE_URL)
    await inviteToPortal(deps(doula), { practiceId: world.a.id, clientId: record.id }, doulaA().id)
    const second = await followInvite(await latestMail(email), SITE_URL)
    expect(second.token).not.toBe(first.token)

    expect(await acceptPortalInvitation(first.portal, first.token)).toEqual({ refused: 'revoked' })
    expect(await acceptPortalInvitation(second.portal, second.token)).toEqual({ practiceId: world.a.id })
    const [origins] = await sql<{ n: number }[]>`
      select count(*)::int as n from private.login_origins o join auth.users u on u.id = o.user_id where u.email = ${email}`
    expect(origins!.n).toBe(1)
  })

  it('withdrawing an invitation stops its link', async () => {
    const doula = await asMember(doulaA())
    const { email, record } = await newInvitee(world.a.id)
    await inviteToPortal(deps(doula), { practiceId: world.a.id, clientId: record.id }, doulaA().id)
    const { portal, token } = await followInvite(await latestMail(email), SITE_URL)
    await revokePortalAccess(deps(doula), { practiceId: world.a.id, clientId: record.id })
    expect(await acceptPortalInvitation(portal, token)).toEqual({ refused: 'revoked' })
    expect(await linkedLogin(record.id)).toBeNull()
  })

  it('refuses the wrong account, an expired or unknown token, and an invitation whose email the practice changed', async () => {
    const doula = await asMember(doulaA())
    const wrong = await signIn(await createUser(sql))
    const { email, record } = await newInvitee(world.a.id)
    await inviteToPortal(deps(doula), { practiceId: world.a.id, clientId: record.id }, doulaA().id)
    const { portal, token } = await followInvite(await latestMail(email), SITE_URL)

    expect(await acceptPortalInvitation(wrong.client, token)).toEqual({ refused: 'wrong_account' })
    expect(await acceptPortalInvitation(portal, 'A'.repeat(43))).toEqual({ refused: 'unknown' })
    await sql`update public.portal_invitations set expires_at = now() - interval '1 second' where client_id = ${record.id}`
    expect(await acceptPortalInvitation(portal, token)).toEqual({ refused: 'expired' })
    await sql`update public.portal_invitations set expires_at = now() + interval '1 day' where client_id = ${record.id}`
    await sql`update public.clients set email = ${uniqueEmail('changed')} where id = ${record.id}`
    expect(await acceptPortalInvitation(portal, token)).toEqual({ refused: 'revoked' })
    expect(await linkedLogin(record.id)).toBeNull()
  })

  it('refuses another practice, a client without email, one who already has access, and a client acting on her own record', async () => {
    const { record } = await newInvitee(world.a.id)
    const outsider = await asMember(world.personas.doulaB.user!)
    await expect(inviteToPortal(deps(outsider), { practiceId: world.a.id, clientId: record.id }, world.personas.doulaB.user!.id)).rejects.toMatchObject({
      code: 'not_found',
    })
    await expect(revokePortalAccess(deps(outsider), { practiceId: world.a.id, clientId: record.id })).rejects.toBeInstanceOf(AppError)

    const doula = await asMember(doulaA())
    const noEmail = await createClientRecord(sql, world.a.id, null, 'Nomail')
    await expect(inviteToPortal(deps(doula), { practiceId: world.a.id, clientId: noEmail.id }, doulaA().id)).rejects.toMatchObject({ code: 'validation' })
    await expect(inviteToPortal(deps(doula), { practiceId: world.a.id, clientId: world.a1.id }, doulaA().id)).rejects.toMatchObject({ code: 'conflict' })

    // A portal client can read her record but must not re-point or drop its login.
    const herself = await asMember(world.personas.clientA1.user!)
    await expect(revokePortalAccess(deps(herself), { practiceId: world.a.id, clientId: world.a1.id })).rejects.toBeInstanceOf(AppError)
    expect(await linkedLogin(world.a1.id)).toBe(world.personas.clientA1.user!.id)
  })

  it('limits invitations per recipient, across practices, and per practice', async () => {
    const email = uniqueEmail('flooded')
    const doula = await asMember(doulaA())
    const { record } = await newInvitee(world.a.id, email)
    for (let i = 0; i < 3; i++) await inviteToPortal(deps(doula), { practiceId: world.a.id, clientId: record.id }, doulaA().id)
    const fromB = await newInvitee(world.b.id, email)
    const doulaB = world.personas.doulaB.user!
    await expect(inviteToPortal(deps(await asMember(doulaB)), { practiceId: world.b.id, clientId: fromB.record.id }, doulaB.id)).rejects.toMatchObject({
      code: 'rate_limited',
    })
    expect(await messagesTo(email)).toHaveLength(3)
    expect(emailSubject(email)).toBe(emailSubject(` ${email.toUpperCase()} `))

    // The practice has sent its hourly 30 already (counted as the limiter counts).
    await sql`insert into private.rate_limit_hits (subject, action) select ${world.b.id}, 'portal.invite' from generate_series(1, 30)`
    const other = await newInvitee(world.b.id)
    await expect(inviteToPortal(deps(await asMember(doulaB)), { practiceId: world.b.id, clientId: other.record.id }, doulaB.id)).rejects.toMatchObject({
      code: 'rate_limited',
    })
    expect(await messagesTo(other.email)).toHaveLength(0)
  })
})
