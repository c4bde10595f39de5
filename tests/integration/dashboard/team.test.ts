import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendEmail } from '@/lib/email/send'
import { acceptInvitation } from '@/lib/team/accept'
import type { InvitationRefusal } from '@/lib/team/team.schema'
import type { PracticeActor } from '@/lib/server/membership'
import { assignDoulas } from '@/lib/team/assign'
import { inviteMember, resendInvitation, revokeInvitation } from '@/lib/team/invitations'
import { changeMemberRole, LAST_OWNER_MESSAGE, removeMember } from '@/lib/team/members'
import { RATE_LIMITS } from '@/lib/security/rate-limit'
import { listMembers, listPendingInvitations } from '@/lib/team/queries'
import type { Db } from '@/lib/server/db'
import { latestMail, type MailboxMessage } from '../../helpers/mailbox.ts'
import { useAppEnv } from '../../helpers/app-session.ts'
import { createUser, uniqueEmail, type TestUser } from '../../helpers/personas.ts'
import { serviceClient, stack, superuser } from '../../helpers/stack.ts'
import { addMember, createClientRecord } from '../../helpers/world.ts'
import { dbAs, fieldErrorsOf, newPractice, type PracticeFixture } from './fixtures.ts'

const SITE_URL = 'http://127.0.0.1:4012'
const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture

const actor = (p: PracticeFixture, user: TestUser, role: PracticeActor['role']): PracticeActor => ({
  practiceId: p.id,
  practiceName: `Practice ${p.id.slice(0, 4)}`,
  role,
  userId: user.id,
  email: user.email,
})
const ownerOf = (p: PracticeFixture) => actor(p, p.owner, 'owner')
const deps = (db: Db) => ({ db, admin: serviceClient(), deliver: sendEmail, siteUrl: SITE_URL })

/** The sign-in link of the invitation email and the token its accept page receives. */
function parseInvite(mail: MailboxMessage) {
  const href = mail.links.find((l) => l.startsWith(`${SITE_URL}/auth/confirm`))
  expect(href).toBeDefined()
  const url = new URL(href!)
  const next = new URL(url.searchParams.get('next')!, SITE_URL)
  expect(next.pathname).toBe('/join')
  return { tokenHash: url.searchParams.get('token_hash')!, type: url.searchParams.get('type')!, token: next.searchParams.get('token')! }
}

/** Follows the email's sign-in link as /auth/confirm does and returns her signed-in client. */
async function signInFrom(mail: MailboxMessage): Promise<{ db: Db; token: string }> {
  const { tokenHash, type, token } = parseInvite(mail)
  const client = createClient(stack().apiUrl, stack().anonKey, { auth: { persistSession: false, autoRefreshToken: false } })
  const { data, error } = await client.auth.verifyOtp({ token_hash: tokenHash, type: type as 'magiclink' | 'signup' })
  expect(error).toBeNull()
  expect(data.session).not.toBeNull()
  return { db: client as unknown as Db, token }
}

async function refusalOf(db: Db, token: string): Promise<InvitationRefusal> {
  try {
    await acceptInvitation(db, token)
  } catch (error) {
    if (error instanceof Error && error.name === 'InvitationRefused' && 'reason' in error) return error.reason as InvitationRefusal
    throw error
  }
  throw new Error('expected the invitation to be refused, but it was accepted')
}

const countInvitations = async (practiceId: string) =>
  Number((await sql<{ n: string }[]>`select count(*) as n from public.practice_invitations where practice_id = ${practiceId}`)[0]!.n)

const auditActions = async (practiceId: string, entity: string, entityId: string) =>
  (
    await sql<{ action: string; actor_id: string | null }[]>`
      select action, actor_id from public.audit_log
      where practice_id = ${practiceId} and entity = ${entity} and entity_id = ${entityId} order by occurred_at, id`
  ).map((r) => `${r.action}:${r.actor_id}`)

async function invitationId(practiceId: string, email: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    select id from public.practice_invitations where practice_id = ${practiceId} and email = ${email} and accepted_at is null`
  return row!.id
}

beforeAll(async () => {
  a = await newPractice(sql, 'Team A')
  b = await newPractice(sql, 'Team B')
  useAppEnv({ NEXT_PUBLIC_SITE_URL: SITE_URL })
})
afterAll(() => sql.end())

describe('inviting a teammate', () => {
  it('emails a sign-in link to the accept page; accepting joins her with the invited role and shows her the clients', async () => {
    const client = await createClientRecord(sql, a.id, null, 'Rosa')
    const email = uniqueEmail('new-doula')
    const { invitationId: id } = await inviteMember(deps(a.ownerDb), ownerOf(a), { email: ` ${email.toUpperCase()} `, role: 'doula' })

    const [row] = await sql<{ email: string; token_hash: string; invited_by: string }[]>`
      select email, token_hash, invited_by from public.practice_invitations where id = ${id}`
    expect(row).toMatchObject({ email, invited_by: a.owner.id })
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/)
    expect((await listPendingInvitations(a.ownerDb, a.id)).map((i) => i.email)).toContain(email)

    const mail = await latestMail(email)
    expect(mail.subject).toBe(`Join ${ownerOf(a).practiceName} on DoulaOS`)
    const { db, token } = await signInFrom(mail)
    // Only the hash is stored: the emailed token itself appears nowhere in the table.
    expect(row!.token_hash).not.toContain(token)
    expect(await acceptInvitation(db, token)).toBe(a.id)

    const joined = (await listMembers(a.ownerDb, a.id)).find((m) => m.email === email)
    expect(joined?.role).toBe('doula')
    expect((await db.from('clients').select('id')).data?.map((c) => c.id)).toContain(client.id)
    expect(await listPendingInvitations(a.ownerDb, a.id)).not.toContainEqual(expect.objectContaining({ id }))
    expect(await auditActions(a.id, 'practice_invitations', id)).toEqual([`insert:${a.owner.id}`, `update:${joined!.userId}`])
    expect(await auditActions(a.id, 'practice_members', (await memberRowId(a.id, joined!.userId))!)).toEqual([`insert:${joined!.userId}`])
  })

  it('refuses a current member or an already-invited address on the email field, saving nothing', async () => {
    const before = await countInvitations(a.id)
    expect(await fieldErrorsOf(() => inviteMember(deps(a.ownerDb), ownerOf(a), { email: a.doula.email, role: 'doula' }))).toEqual({
      email: 'She is already on your team.',
    })
    const email = uniqueEmail('twice')
    await inviteMember(deps(a.ownerDb), ownerOf(a), { email, role: 'admin' })
    expect(await fieldErrorsOf(() => inviteMember(deps(a.ownerDb), ownerOf(a), { email: email.toUpperCase(), role: 'doula' }))).toEqual({
      email: 'This address already has a pending invitation. Resend it from the list below.',
    })
    expect(await fieldErrorsOf(() => inviteMember(deps(a.ownerDb), ownerOf(a), { email: 'not-an-email', role: 'owner' }))).toEqual({
      email: 'Enter an email address like ana@example.com.',
      role: 'Choose admin or doula.',
    })
    expect(await countInvitations(a.id)).toBe(before + 1)
    // Another practice may invite the same person.
    await expect(inviteMember(deps(b.ownerDb), ownerOf(b), { email, role: 'doula' })).resolves.toBeTruthy()
  })

  it('lets an admin invite; refuses a doula, whose list of invitations is empty', async () => {
    const admin = await createUser(sql, { fullName: 'Team A Admin' })
    await addMember(sql, a.id, admin, 'admin')
    await expect(
      inviteMember(deps(await dbAs(admin)), actor(a, admin, 'admin'), { email: uniqueEmail('by-admin'), role: 'doula' }),
    ).resolves.toBeTruthy()

    const before = await countInvitations(a.id)
    const asDoula = actor(a, a.doula, 'doula')
    await expect(inviteMember(deps(a.doulaDb), asDoula, { email: uniqueEmail('by-doula'), role: 'doula' })).rejects.toMatchObject({
      code: 'forbidden',
    })
    const pending = await invitationId(a.id, (await listPendingInvitations(a.ownerDb, a.id))[0]!.email)
    await expect(revokeInvitation(a.doulaDb, asDoula, pending)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(resendInvitation(deps(a.doulaDb), asDoula, pending)).rejects.toMatchObject({ code: 'forbidden' })
    expect(await listPendingInvitations(a.doulaDb, a.id)).toEqual([])
    expect(await countInvitations(a.id)).toBe(before)
  })

  it('resend mints a new link and kills the old one; revoke kills the link; another practice gets not_found', async () => {
    const email = uniqueEmail('resend')
    const { invitationId: first } = await inviteMember(deps(a.ownerDb), ownerOf(a), { email, role: 'admin' })
    const firstMail = await latestMail(email)

    await expect(revokeInvitation(b.ownerDb, ownerOf(b), first)).rejects.toMatchObject({ code: 'not_found' })
    await expect(resendInvitation(deps(b.ownerDb), ownerOf(b), first)).rejects.toMatchObject({ code: 'not_found' })

    const { invitationId: second } = await resendInvitation(deps(a.ownerDb), ownerOf(a), first)
    expect(second).not.toBe(first)
    const secondMail = await latestMail(email)
    const { db, token } = await signInFrom(secondMail)
    const staleToken = parseInvite(firstMail).token
    expect(staleToken).not.toBe(token)
    expect(await refusalOf(db, staleToken)).toBe('unknown')

    await revokeInvitation(a.ownerDb, ownerOf(a), second)
    expect(await refusalOf(db, token)).toBe('unknown')
    await expect(revokeInvitation(a.ownerDb, ownerOf(a), second)).rejects.toMatchObject({ code: 'not_found' })
    expect((await listMembers(a.ownerDb, a.id)).map((m) => m.email)).not.toContain(email)
    expect(await auditActions(a.id, 'practice_invitations', second)).toEqual([`insert:${a.owner.id}`, `delete:${a.owner.id}`])
  })

  it('stops a practice after an hour of invitation emails at the budget, new or resent', async () => {
    const p = await newPractice(sql, 'Team Budget')
    const email = uniqueEmail('budget')
    const { invitationId: id } = await inviteMember(deps(p.ownerDb), ownerOf(p), { email, role: 'doula' })
    const { action, max, windowSeconds } = RATE_LIMITS.teamInvitation
    await sql`select public.consume_rate_limit(${p.id}, ${action}, ${max}, ${windowSeconds}) from generate_series(2, ${max})`
    await expect(inviteMember(deps(p.ownerDb), ownerOf(p), { email: uniqueEmail('one-more'), role: 'doula' })).rejects.toMatchObject({
      code: 'rate_limited',
      message: expect.stringContaining('30 team invitations an hour'),
    })
    await expect(resendInvitation(deps(p.ownerDb), ownerOf(p), id)).rejects.toMatchObject({ code: 'rate_limited' })
    // The refused resend left the pending invitation in place.
    expect((await listPendingInvitations(p.ownerDb, p.id)).map((i) => i.id)).toEqual([id])
  })
})

describe('accepting an invitation', () => {
  it('refuses the wrong account, an expired invitation and a used one, and says which', async () => {
    const email = uniqueEmail('accept')
    await inviteMember(deps(a.ownerDb), ownerOf(a), { email, role: 'doula' })
    const { db, token } = await signInFrom(await latestMail(email))

    expect(await refusalOf(b.doulaDb, token)).toBe('wrong_account')
    expect(await refusalOf(db, 'A'.repeat(43))).toBe('unknown')

    await sql`update public.practice_invitations set expires_at = now() - interval '1 minute' where practice_id = ${a.id} and email = ${email}`
    expect(await refusalOf(db, token)).toBe('expired')
    await sql`update public.practice_invitations set expires_at = now() + interval '1 day' where practice_id = ${a.id} and email = ${email}`

    expect(await acceptInvitation(db, token)).toBe(a.id)
    expect(await refusalOf(db, token)).toBe('used')
  })

  it('adds a second practice to someone who already owns one', async () => {
    await inviteMember(deps(a.ownerDb), ownerOf(a), { email: b.owner.email, role: 'admin' })
    const { db, token } = await signInFrom(await latestMail(b.owner.email))
    expect(await acceptInvitation(db, token)).toBe(a.id)
    const mine = await sql<{ practice_id: string; role: string }[]>`
      select practice_id, role from public.practice_members where user_id = ${b.owner.id} order by created_at`
    expect(mine).toEqual([
      { practice_id: b.id, role: 'owner' },
      { practice_id: a.id, role: 'admin' },
    ])
  })
})

async function memberRowId(practiceId: string, userId: string): Promise<string | undefined> {
  const [row] = await sql<
    { id: string }[]
  >`select id from public.practice_members where practice_id = ${practiceId} and user_id = ${userId}`
  return row?.id
}

describe('the team list', () => {
  it('lists members with names and roles, owners first; another practice and anonymous callers see nobody', async () => {
    const team = await listMembers(a.doulaDb, a.id)
    expect(team[0]).toMatchObject({ userId: a.owner.id, role: 'owner' })
    expect(team.find((m) => m.userId === a.doula.id)).toMatchObject({ email: a.doula.email, role: 'doula' })
    expect(await listMembers(b.doulaDb, a.id)).toEqual([])
    const anon = createClient(stack().apiUrl, stack().anonKey, { auth: { persistSession: false } })
    const { error } = await anon.rpc('list_practice_team', { p_practice_id: a.id })
    expect(error?.code).toBe('42501')
  })
})

describe('roles and removal', () => {
  it('an owner changes roles; an admin cannot touch owners; the last owner stays; a doula is refused', async () => {
    const p = await newPractice(sql, 'Team Roles')
    const admin = await createUser(sql, { fullName: 'Roles Admin' })
    await addMember(sql, p.id, admin, 'admin')
    const rowId = (await memberRowId(p.id, p.doula.id))!

    await changeMemberRole(p.ownerDb, ownerOf(p), p.doula.id, 'admin')
    expect((await listMembers(p.ownerDb, p.id)).find((m) => m.userId === p.doula.id)?.role).toBe('admin')
    // The fixture's superuser insert has no actor; the owner's change is hers.
    expect(await auditActions(p.id, 'practice_members', rowId)).toEqual(['insert:null', `update:${p.owner.id}`])

    const asAdmin = actor(p, admin, 'admin')
    const adminDb = await dbAs(admin)
    await changeMemberRole(adminDb, asAdmin, p.doula.id, 'doula')
    await expect(changeMemberRole(adminDb, asAdmin, p.doula.id, 'owner')).rejects.toMatchObject({ code: 'forbidden' })
    await expect(changeMemberRole(adminDb, asAdmin, p.owner.id, 'doula')).rejects.toMatchObject({ code: 'forbidden' })
    await expect(removeMember(adminDb, asAdmin, p.owner.id)).rejects.toMatchObject({ code: 'forbidden' })

    await expect(changeMemberRole(p.ownerDb, ownerOf(p), p.owner.id, 'admin')).rejects.toMatchObject({
      code: 'conflict',
      message: LAST_OWNER_MESSAGE,
    })
    await expect(removeMember(p.ownerDb, ownerOf(p), p.owner.id)).rejects.toMatchObject({ code: 'conflict', message: LAST_OWNER_MESSAGE })

    const asDoula = actor(p, p.doula, 'doula')
    await expect(changeMemberRole(p.doulaDb, asDoula, admin.id, 'doula')).rejects.toMatchObject({ code: 'forbidden' })
    await expect(removeMember(p.doulaDb, asDoula, admin.id)).rejects.toMatchObject({ code: 'forbidden' })

    await expect(changeMemberRole(p.ownerDb, ownerOf(p), b.doula.id, 'admin')).rejects.toMatchObject({ code: 'not_found' })
    await expect(removeMember(p.ownerDb, ownerOf(p), b.doula.id)).rejects.toMatchObject({ code: 'not_found' })

    const roles = Object.fromEntries((await listMembers(p.ownerDb, p.id)).map((m) => [m.userId, m.role]))
    expect(roles).toEqual({ [p.owner.id]: 'owner', [admin.id]: 'admin', [p.doula.id]: 'doula' })
    expect((await listMembers(b.ownerDb, b.id)).map((m) => m.userId)).toContain(b.doula.id)

    // With a second owner, the first may step down.
    await changeMemberRole(p.ownerDb, ownerOf(p), admin.id, 'owner')
    await changeMemberRole(p.ownerDb, ownerOf(p), p.owner.id, 'admin')
    expect((await listMembers(p.ownerDb, p.id)).filter((m) => m.role === 'owner').map((m) => m.userId)).toEqual([admin.id])
  })

  it('removing a member clears her assignments, is audited and refuses her next request', async () => {
    const p = await newPractice(sql, 'Team Removal')
    const record = await createClientRecord(sql, p.id, null, 'Lena')
    await assignDoulas(p.ownerDb, p.id, { journeyId: record.journeyId, primaryDoulaId: p.doula.id, backupDoulaId: p.owner.id })
    expect((await p.doulaDb.from('clients').select('id')).data).toHaveLength(1)
    const rowId = (await memberRowId(p.id, p.doula.id))!

    await removeMember(p.ownerDb, ownerOf(p), p.doula.id)

    const [journey] = await sql`select primary_doula_id, backup_doula_id from public.journeys where id = ${record.journeyId}`
    expect(journey).toEqual({ primary_doula_id: null, backup_doula_id: p.owner.id })
    expect(await auditActions(p.id, 'practice_members', rowId)).toEqual(['insert:null', `delete:${p.owner.id}`])

    const read = await p.doulaDb.from('clients').select('id')
    expect(read.error).toBeNull()
    expect(read.data).toEqual([])
    const write = await p.doulaDb.from('clients').insert({ practice_id: p.id, first_name: 'Sneaky', last_name: 'Write' })
    expect(write.error?.code).toBe('42501')
    expect((await p.doulaDb.from('practice_members').select('practice_id').eq('user_id', p.doula.id)).data).toEqual([])
  })
})

describe('assigning doulas to a journey', () => {
  it('sets primary and backup; refuses an unknown doula or the same person twice on the field; another practice gets not_found', async () => {
    const record = await createClientRecord(sql, a.id, null, 'Noor')
    await assignDoulas(a.doulaDb, a.id, { journeyId: record.journeyId, primaryDoulaId: a.doula.id, backupDoulaId: a.owner.id })
    const read = async () => (await sql`select primary_doula_id, backup_doula_id from public.journeys where id = ${record.journeyId}`)[0]
    expect(await read()).toEqual({ primary_doula_id: a.doula.id, backup_doula_id: a.owner.id })

    expect(
      await fieldErrorsOf(() =>
        assignDoulas(a.doulaDb, a.id, { journeyId: record.journeyId, primaryDoulaId: b.doula.id, backupDoulaId: '' }),
      ),
    ).toEqual({ primaryDoulaId: 'Choose a doula from your team.' })
    expect(
      await fieldErrorsOf(() =>
        assignDoulas(a.doulaDb, a.id, { journeyId: record.journeyId, primaryDoulaId: a.owner.id, backupDoulaId: a.owner.id }),
      ),
    ).toEqual({ backupDoulaId: 'The backup doula must be someone other than the primary doula.' })
    expect(await read()).toEqual({ primary_doula_id: a.doula.id, backup_doula_id: a.owner.id })

    await assignDoulas(a.doulaDb, a.id, { journeyId: record.journeyId, primaryDoulaId: '', backupDoulaId: '' })
    expect(await read()).toEqual({ primary_doula_id: null, backup_doula_id: null })

    await expect(
      assignDoulas(b.doulaDb, b.id, { journeyId: record.journeyId, primaryDoulaId: b.doula.id, backupDoulaId: '' }),
    ).rejects.toMatchObject({ code: 'not_found' })
    await expect(
      assignDoulas(b.doulaDb, a.id, { journeyId: record.journeyId, primaryDoulaId: '', backupDoulaId: '' }),
    ).rejects.toMatchObject({ code: 'not_found' })
  })
})
