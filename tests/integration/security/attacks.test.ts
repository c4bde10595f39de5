import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendEmail } from '@/lib/email/send'
import { completeOwnDocument, SIGNED_URL_SECONDS, signedDownloadUrl } from '@/lib/documents/store'
import { acceptPortalInvitation } from '@/lib/portal/accept'
import { inviteToPortal, revokePortalAccess } from '@/lib/portal/invite'
import type { Db } from '@/lib/server/db'
import { eraseClient } from '@/lib/privacy/deletion/erase.service'
import { runErasure, type ErasureDeps } from '@/lib/privacy/deletion/run-erasure.service'
import { startErasure } from '@/lib/privacy/deletion/start-erasure.service'
import { adminDb, signIn, TEST_META, useAppEnv } from '../../helpers/app-session.ts'
import { stage, storeAs } from '../../helpers/documents.ts'
import { latestMail } from '../../helpers/mailbox.ts'
import { followInvite } from '../../helpers/portal-invite.ts'
import { clientAs, createUser, serviceApiClient, uniqueEmail, type TestUser } from '../../helpers/personas.ts'
import * as rows from '../../helpers/rows.ts'
import { superuser } from '../../helpers/stack.ts'
import { createClientRecord, createWorld, type ClientRecord, type World } from '../../helpers/world.ts'
import { loginExists, objectCount } from '../privacy/fixtures.ts'

/*
 * The attacks of issue 13, each performed the way the attacker did it: through supabase-js with
 * her own session, or through the app's own services. Attacks proven where their feature is tested
 * are there: invitation floods (portal/invite), the storage matrix with no person capability
 * (rls/storage-matrix), the audit address and trail (rls/audit), forged form evidence
 * (rls/paperwork), the JSON shapes (rls/guards), the open redirect (unit/redirect), bad cursors and cross-site actions
 * (unit/privacy/audit-cursor, unit/cross-site, e2e/privacy).
 */

const SITE_URL = 'http://127.0.0.1:4012'
const BUCKET = 'client-files'
const sql = superuser()
let world: World

const pdf = (label: string) => new TextEncoder().encode(`%PDF-1.7\n% ${label}\n%%EOF\n`)
const html = new TextEncoder().encode('<!doctype html><script>alert(document.cookie)</script>')
const asPerson = async (who: TestUser) => (await clientAs(who)) as Db
const inviteDeps = (db: Db) => ({ db, admin: adminDb(), deliver: sendEmail, siteUrl: SITE_URL })
const erasureDeps = (): ErasureDeps => ({ admin: serviceApiClient(), sendEmail })
const ownerA = () => world.personas.ownerA.user!

async function clientWithEmail(practiceId: string, email: string): Promise<ClientRecord> {
  const record = await createClientRecord(sql, practiceId, null, 'Mara')
  await sql`update public.clients set email = ${email} where id = ${record.id}`
  return record
}

const portalLogin = async (clientId: string) =>
  (await sql<{ portal_user_id: string | null }[]>`select portal_user_id from public.clients where id = ${clientId}`)[0]!.portal_user_id

beforeAll(async () => {
  world = await createWorld(sql)
  useAppEnv({ NEXT_PUBLIC_SITE_URL: SITE_URL })
}, 60_000)

afterAll(() => sql.end())

describe('membership without consent (issue 13, items 1 and 2)', () => {
  it('gives an owner no way to make a stranger a member, read her id or her profile, or delete her login', async () => {
    // Someone who signed up elsewhere and is not onboarded yet.
    const stranger = await createUser(sql, { fullName: 'Stranger' })
    const owner = await asPerson(ownerA())
    const record = await clientWithEmail(world.a.id, stranger.email)

    await inviteToPortal(inviteDeps(owner), { practiceId: world.a.id, clientId: record.id }, ownerA().id)
    const { data: linked } = await owner.from('clients').select('portal_user_id').eq('id', record.id).single()
    expect(linked).toEqual({ portal_user_id: null })

    const inserted = await owner.from('practice_members').insert({ practice_id: world.a.id, user_id: stranger.id, role: 'doula' })
    expect(inserted.error?.code).toBe('42501')
    expect((await owner.from('profiles').select('id').eq('id', stranger.id)).data).toEqual([])
    // Onboarding still gives her a practice of her own, not A.
    const strangerDb = await asPerson(stranger)
    const { data: onboarded, error } = await strangerDb.rpc('complete_onboarding')
    expect(error).toBeNull()
    expect(onboarded).not.toBe(world.a.id)

    // She accepts by her own sign-in: now the record is hers. Erasing it unlinks her login, never deletes it.
    const { portal, token } = await followInvite(await latestMail(stranger.email), SITE_URL)
    expect(await acceptPortalInvitation(portal, token)).toEqual({ practiceId: world.a.id })
    expect(await portalLogin(record.id)).toBe(stranger.id)
    const { client: signedOwner } = await signIn(ownerA())
    const result = await eraseClient(signedOwner, erasureDeps(), {
      practiceId: world.a.id,
      clientId: record.id,
      typedName: 'Mara Test',
      meta: TEST_META,
    })
    expect(result.loginsRemoved).toBe(0)
    expect(await loginExists(sql, stranger.id)).toBe(true)
  })

  it('deletes with the client only a login its own invitation created and nothing else used', async () => {
    const email = uniqueEmail('invited')
    const record = await clientWithEmail(world.a.id, email)
    await inviteToPortal(inviteDeps(await asPerson(ownerA())), { practiceId: world.a.id, clientId: record.id }, ownerA().id)
    const { portal, token } = await followInvite(await latestMail(email), SITE_URL)
    await acceptPortalInvitation(portal, token)
    const login = (await portalLogin(record.id))!

    const { client: signedOwner } = await signIn(ownerA())
    const result = await eraseClient(signedOwner, erasureDeps(), { practiceId: world.a.id, clientId: record.id, typedName: 'Mara Test', meta: TEST_META })
    expect(result.loginsRemoved).toBe(1)
    expect(await loginExists(sql, login)).toBe(false)
  })
})

describe('file capabilities that outlive access (items 3 and 4)', () => {
  it('leaves a removed doula no way to replace a document’s bytes', async () => {
    const doula = await createUser(sql, { fullName: 'Leaving doula' })
    await sql`insert into public.profiles (id, full_name, email) values (${doula.id}, 'Leaving doula', ${doula.email})`
    await sql`insert into public.practice_members (practice_id, user_id, role) values (${world.a.id}, ${doula.id}, 'doula')`
    const stored = await storeAs(doula, { practiceId: world.a.id, clientId: world.a1.id }, 'Birth plan.pdf', pdf('original'))
    expect(stored.ok).toBe(true)
    const [doc] = await sql<{ storage_path: string }[]>`select storage_path from public.documents where id = ${stored.ok ? stored.id : ''}`
    const db = await asPerson(doula)
    // While a member she can mint nothing either: files go through the app.
    expect((await db.storage.from(BUCKET).createSignedUploadUrl(doc!.storage_path, { upsert: true })).error).not.toBeNull()
    await sql`delete from public.practice_members where user_id = ${doula.id} and practice_id = ${world.a.id}`

    expect((await db.storage.from(BUCKET).createSignedUploadUrl(doc!.storage_path, { upsert: true })).error).not.toBeNull()
    expect((await db.storage.from(BUCKET).upload(doc!.storage_path, pdf('replaced'), { upsert: true })).error).not.toBeNull()
    const { data } = await adminDb().storage.from(BUCKET).download(doc!.storage_path)
    expect(await data!.text()).toContain('original')
  })

  it('gives a client only ≤ 60 s links, minted after her access is checked; revoked, she gets none', async () => {
    const email = uniqueEmail('revoked')
    const record = await clientWithEmail(world.a.id, email)
    const owner = await asPerson(ownerA())
    await inviteToPortal(inviteDeps(owner), { practiceId: world.a.id, clientId: record.id }, ownerA().id)
    const { portal, token } = await followInvite(await latestMail(email), SITE_URL)
    await acceptPortalInvitation(portal, token)
    const her = (await portalLogin(record.id))!
    const stored = await storeAs(ownerA(), { practiceId: world.a.id, clientId: record.id }, 'Plan.pdf', pdf('shared'), true)
    const documentId = stored.ok ? stored.id : ''

    const url = await signedDownloadUrl(portal, adminDb(), her, documentId, TEST_META)
    const claims = JSON.parse(Buffer.from(new URL(url!).searchParams.get('token')!.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number }
    expect(claims.exp - claims.iat).toBe(SIGNED_URL_SECONDS)
    expect(SIGNED_URL_SECONDS).toBeLessThanOrEqual(60)
    const [doc] = await sql<{ storage_path: string }[]>`select storage_path from public.documents where id = ${documentId}`
    expect((await portal.storage.from(BUCKET).createSignedUrl(doc!.storage_path, 31_536_000)).error).not.toBeNull()

    await revokePortalAccess(inviteDeps(owner), { practiceId: world.a.id, clientId: record.id })
    expect(await signedDownloadUrl(portal, adminDb(), her, documentId, TEST_META)).toBeNull()
  })

  it('never turns a disguised file into a document', async () => {
    const client = world.personas.clientA1.user!
    const db = await asPerson(client)
    const path = rows.storagePathFor(world.a1, 'disguised.pdf')
    expect((await db.storage.from(BUCKET).upload(path, html, { contentType: 'application/pdf' })).error).not.toBeNull()
    const inserted = await db.from('documents').insert({
      practice_id: world.a.id,
      client_id: world.a1.id,
      storage_path: path,
      file_name: 'disguised.pdf',
      mime_type: 'application/pdf',
      size_bytes: html.byteLength,
      uploaded_by: client.id,
    })
    expect(inserted.error?.code).toBe('42501')
    const result = await completeOwnDocument(db, adminDb(), client.id, { practiceId: world.a.id, clientId: world.a1.id }, await stage(db, world.a.id, client.id, html, 'disguised.pdf'))
    expect(result).toMatchObject({ ok: false, problem: 'unsupported_type' })
    expect(await sql`select 1 from public.documents where file_name = 'disguised.pdf'`).toHaveLength(0)
  })
})

describe('an upload racing the erasure (items 5 and 10)', () => {
  it('locks the client first: every write to her is refused, whoever writes; then nothing of her is left and the ledger keeps no ids', async () => {
    const record = await createClientRecord(sql, world.a.id, null, 'Racing')
    const bystander = await createClientRecord(sql, world.a.id, null, 'Bystander')
    const practiceName = (await sql<{ name: string }[]>`select name from public.practices where id = ${world.a.id}`)[0]!.name
    const job = await startErasure(
      adminDb(),
      { scope: 'client', practiceId: world.a.id, clientId: record.id },
      { userId: ownerA().id, email: ownerA().email, role: 'owner', practiceId: world.a.id, practiceName },
    )

    const note = { practice_id: world.a.id, client_id: record.id, journey_id: record.journeyId, author_id: ownerA().id, body: 'Late note' }
    const owner = await asPerson(ownerA())
    expect((await owner.from('notes').insert(note)).error?.code).toBe('55000')
    expect((await adminDb().from('notes').insert(note)).error?.code).toBe('55000')
    expect((await adminDb().from('clients').update({ first_name: 'Changed' }).eq('id', record.id)).error?.code).toBe('55000')
    const late = await storeAs(ownerA(), { practiceId: world.a.id, clientId: record.id }, 'Late.pdf', pdf('late'))
    expect(late).toMatchObject({ ok: false, problem: 'erasing' })
    // The rest of the practice carries on.
    const other = { ...note, client_id: bystander.id, journey_id: bystander.journeyId, body: 'Still fine' }
    expect((await owner.from('notes').insert(other)).error).toBeNull()

    await runErasure(erasureDeps(), job.id)
    expect(await sql`select 1 from public.clients where id = ${record.id}`).toHaveLength(0)
    expect(await objectCount(sql, `${world.a.id}/${record.id}/`)).toBe(0)
    const [ledger] = await sql`select requested_by, logins, completed_at, subject_hash from private.practice_deletions where id = ${job.id}`
    expect(ledger).toMatchObject({ requested_by: null, logins: [] })
    expect(ledger!.completed_at).not.toBeNull()
    expect(ledger!.subject_hash).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('weak spots (profiles and the trail)', () => {
  it('keeps the login email out of a member’s hands and team emails out of a client’s', async () => {
    const doula = await asPerson(world.personas.doulaA.user!)
    const updated = await doula.from('profiles').update({ email: ownerA().email }).eq('id', world.personas.doulaA.user!.id)
    expect(updated.error?.code).toBe('42501')
    const client = await asPerson(world.personas.clientA1.user!)
    expect((await client.from('profiles').select('id, email')).data).toEqual([])
  })

  it('lets no person write the audit trail', async () => {
    const client = await asPerson(world.personas.clientA1.user!)
    const direct = await client.from('audit_log').insert({ practice_id: world.a.id, actor_role: 'client', action: 'practice.backdoor', entity: 'practices' })
    expect(direct.error).not.toBeNull()
    const rpc = await client.rpc('record_audit_event', {
      practice_id: world.a.id,
      actor_id: world.personas.clientA1.user!.id,
      action: 'practice.backdoor',
      entity: 'practices',
      entity_id: world.a.id,
      outcome: 'success',
      ip: '192.0.2.1',
      user_agent: 'attacker',
    })
    expect(rpc.error).not.toBeNull()
    expect(await sql`select 1 from public.audit_log where action = 'practice.backdoor'`).toHaveLength(0)
  })
})
