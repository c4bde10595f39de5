import { randomUUID } from 'node:crypto'
import type { SupabaseClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { READ_ONLY_MESSAGE } from '@/lib/billing/write-refusals'
import { sendEmail } from '@/lib/email/send'
import { completePracticeDocument } from '@/lib/documents/practice-documents'
import { removeStaleStagedObjects, STAGING_BUCKET, STAGING_MAX_AGE_MS } from '@/lib/documents/staging'
import { completeOwnDocument, completeStagedDocument, DOCUMENTS_BUCKET } from '@/lib/documents/store'
import { runErasure } from '@/lib/privacy/deletion/run-erasure.service'
import { startErasure } from '@/lib/privacy/deletion/start-erasure.service'
import type { Db } from '@/lib/server/db'
import { adminDb, useAppEnv } from '../../helpers/app-session.ts'
import { stage, stagedCount } from '../../helpers/documents.ts'
import { anonApiClient, clientAs, createUser, serviceApiClient, type TestUser } from '../../helpers/personas.ts'
import { newBillingRows } from '../../helpers/rows.ts'
import { superuser } from '../../helpers/stack.ts'
import { addMember, createClientRecord, createPractice, createWorld, type World } from '../../helpers/world.ts'

const sql = superuser()
let world: World
beforeAll(async () => {
  world = await createWorld(sql)
  useAppEnv()
})
afterAll(() => sql.end())

const pdf = (label: string) => new TextEncoder().encode(`%PDF-1.7\n% ${label}\n%%EOF\n`)
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8])
const as = async (user: TestUser) => (await clientAs(user)) as SupabaseClient as Db
const user = (key: keyof World['personas']) => world.personas[key].user!

async function stagedExists(path: string): Promise<boolean> {
  const rows = await sql`select 1 from storage.objects where bucket_id = ${STAGING_BUCKET} and name = ${path}`
  return rows.length === 1
}

/** What Storage answers a person who writes `path` into the staging bucket: '✓' or the refusal. */
async function tryStage(client: SupabaseClient, path: string, options: { upsert?: boolean } = {}): Promise<string> {
  const { error } = await client.storage.from(STAGING_BUCKET).upload(path, pdf('try'), { contentType: 'application/pdf', ...options })
  if (!error) return '✓'
  return /row-level security/.test(error.message) ? '✗ rls' : `✗ ${error.message}`
}

describe('the staging bucket: a person only adds files, under her own practice and login', () => {
  it('lets a member write under her practice and her own id only', async () => {
    const doula = await clientAs(user('doulaA'))
    const me = user('doulaA').id
    expect(await tryStage(doula, `${world.a.id}/${me}/${randomUUID()}`)).toBe('✓')
    expect(await tryStage(doula, `${world.b.id}/${me}/${randomUUID()}`)).toBe('✗ rls')
    expect(await tryStage(doula, `${world.a.id}/${user('ownerA').id}/${randomUUID()}`)).toBe('✗ rls')
    expect(await tryStage(doula, `${world.a.id}/${me}/deeper/${randomUUID()}`)).toBe('✗ rls')
    expect(await tryStage(doula, `not-a-practice/${me}/${randomUUID()}`)).toBe('✗ rls')
    expect(await tryStage(await clientAs(user('doulaB')), `${world.a.id}/${user('doulaB').id}/${randomUUID()}`)).toBe('✗ rls')
  })

  it('lets a portal client write only in her own folder of her own practice', async () => {
    const alma = await clientAs(user('clientA1'))
    expect(await tryStage(alma, `${world.a.id}/${user('clientA1').id}/${randomUUID()}`)).toBe('✓')
    expect(await tryStage(alma, `${world.a.id}/${user('clientA2').id}/${randomUUID()}`)).toBe('✗ rls')
    expect(await tryStage(alma, `${world.b.id}/${user('clientA1').id}/${randomUUID()}`)).toBe('✗ rls')
  })

  it('gives anon nothing', async () => {
    const anon = anonApiClient()
    expect(await tryStage(anon, `${world.a.id}/${user('doulaA').id}/${randomUUID()}`)).not.toBe('✓')
    expect((await anon.storage.from(STAGING_BUCKET).list(world.a.id)).data ?? []).toEqual([])
  })

  it('lets nobody, the uploader included, read, list, sign, overwrite, move or delete a staged object', async () => {
    const me = user('doulaA')
    const staged = await stage(await clientAs(me), world.a.id, me.id, pdf('kept'))
    for (const who of [me, user('ownerA'), user('clientA1'), user('doulaB')]) {
      const bucket = (await clientAs(who)).storage.from(STAGING_BUCKET)
      expect((await bucket.download(staged.stagingPath)).data).toBeNull()
      expect((await bucket.list(`${world.a.id}/${me.id}`)).data ?? []).toEqual([])
      expect((await bucket.createSignedUrl(staged.stagingPath, 60)).data).toBeNull()
      expect((await bucket.update(staged.stagingPath, pdf('replaced'), { contentType: 'application/pdf' })).error).not.toBeNull()
      expect(await tryStage(await clientAs(who), staged.stagingPath, { upsert: true })).not.toBe('✓')
      expect((await bucket.move(staged.stagingPath, `${world.a.id}/${who.id}/${randomUUID()}`)).error).not.toBeNull()
      expect((await bucket.remove([staged.stagingPath])).data ?? []).toEqual([])
    }
    // Nor can she mint an upload URL: that capability would outlive the check.
    const mine = (await clientAs(me)).storage.from(STAGING_BUCKET)
    expect((await mine.createSignedUploadUrl(`${world.a.id}/${me.id}/${randomUUID()}`)).error).not.toBeNull()
    expect(await stagedExists(staged.stagingPath)).toBe(true)
    const [row] = await sql<{ size: string }[]>`select metadata->>'size' as size from storage.objects where bucket_id = ${STAGING_BUCKET} and name = ${staged.stagingPath}`
    expect(Number(row!.size)).toBe(pdf('kept').byteLength)
  })

  it('refuses writes while the practice is read-only or being erased', async () => {
    const owner = await createUser(sql, { fullName: 'Paused owner' })
    const practice = await createPractice(sql, owner, 'Paused practice')
    const path = () => `${practice.id}/${owner.id}/${randomUUID()}`
    const client = await clientAs(owner)
    expect(await tryStage(client, path())).toBe('✓')
    await newBillingRows(sql, practice.id)
    await sql`update public.billing_subscriptions set status = 'canceled' where practice_id = ${practice.id}`
    expect(await tryStage(client, path())).toBe('✗ rls')
    await sql`update public.billing_subscriptions set status = 'active' where practice_id = ${practice.id}`
    expect(await tryStage(client, path())).toBe('✓')
    // An open erasure ledger is global state: the erasure suites resume every open job, so remove it.
    const [job] = await sql<{ id: string }[]>`insert into private.practice_deletions (scope, subject_hash, practice_id, counts, files_total)
              values ('practice', ${'0'.repeat(64)}, ${practice.id}, '{}', 0) returning id`
    try {
      expect(await tryStage(client, path())).toBe('✗ rls')
    } finally {
      await sql`delete from private.practice_deletions where id = ${job!.id}`
    }
  })
})

describe('completing a staged upload', () => {
  it("files a doula's upload for her client: moved into the documents bucket, row written, staging gone", async () => {
    const doula = user('doulaA')
    const db = await as(doula)
    const staged = await stage(db, world.a.id, doula.id, pdf('plan'), 'Birth plan.pdf')
    const result = await completePracticeDocument(db, adminDb(), doula.id, { practiceId: world.a.id, clientId: world.a1.id }, staged, true)
    expect(result).toMatchObject({ ok: true, fileName: 'Birth plan.pdf' })
    if (!result.ok) return
    const [row] = await sql`select storage_path, mime_type, size_bytes, shared_with_client, uploaded_by from public.documents where id = ${result.id}`
    expect(row).toMatchObject({ mime_type: 'application/pdf', size_bytes: String(pdf('plan').byteLength), shared_with_client: true, uploaded_by: doula.id })
    expect(row!.storage_path).toMatch(new RegExp(`^${world.a.id}/${world.a1.id}/[0-9a-f-]{36}\\.pdf$`))
    const stored = await serviceApiClient().storage.from(DOCUMENTS_BUCKET).download(row!.storage_path as string)
    expect(new Uint8Array(await stored.data!.arrayBuffer())).toEqual(pdf('plan'))
    expect(await stagedExists(staged.stagingPath)).toBe(false)
  })

  it("files a client's own upload in her record", async () => {
    const alma = user('clientA1')
    const db = await as(alma)
    const staged = await stage(db, world.a.id, alma.id, png, 'Scan.png')
    const result = await completeOwnDocument(db, adminDb(), alma.id, { practiceId: world.a.id, clientId: world.a1.id }, staged)
    expect(result).toMatchObject({ ok: true, fileName: 'Scan.png' })
    const [row] = await sql`select mime_type, uploaded_by from public.documents where id = ${result.ok ? result.id : ''}`
    expect(row).toEqual({ mime_type: 'image/png', uploaded_by: alma.id })
    expect(await stagedExists(staged.stagingPath)).toBe(false)
  })

  it('refuses a disguised file and one whose staged type is not what its bytes are, removing what was staged', async () => {
    const bea = user('clientA2')
    const db = await as(bea)
    const owner = { practiceId: world.a.id, clientId: world.a2.id }
    const html = await stage(db, world.a.id, bea.id, new TextEncoder().encode('<!doctype html><script>alert(1)</script>'), 'report.pdf')
    expect(await completeOwnDocument(db, adminDb(), bea.id, owner, html)).toMatchObject({ ok: false, problem: 'unsupported_type' })
    expect(await stagedExists(html.stagingPath)).toBe(false)

    const mislabelled = { stagingPath: `${world.a.id}/${bea.id}/${randomUUID()}`, fileName: 'x.pdf', size: png.byteLength }
    expect((await db.storage.from(STAGING_BUCKET).upload(mislabelled.stagingPath, png, { contentType: 'application/pdf' })).error).toBeNull()
    expect(await completeOwnDocument(db, adminDb(), bea.id, owner, mislabelled)).toMatchObject({ ok: false, problem: 'unsupported_type' })
    expect(await stagedExists(mislabelled.stagingPath)).toBe(false)
    expect(await sql`select 1 from public.documents where client_id = ${world.a2.id}`).toHaveLength(0)
  })

  it("refuses another person's staging path and leaves her object alone", async () => {
    const alma = user('clientA1')
    const staged = await stage(await as(alma), world.a.id, alma.id, pdf('hers'))
    const doula = user('doulaA')
    const result = await completePracticeDocument(await as(doula), adminDb(), doula.id, { practiceId: world.a.id, clientId: world.a1.id }, staged, false)
    expect(result).toMatchObject({ ok: false, problem: 'missing' })
    const bea = user('clientA2')
    await expect(completeOwnDocument(await as(bea), adminDb(), bea.id, { practiceId: world.a.id, clientId: world.a1.id }, staged)).rejects.toMatchObject({ code: 'not_found' })
    expect(await stagedExists(staged.stagingPath)).toBe(true)
  })

  it('completes a staged upload once only', async () => {
    const alma = user('clientA1')
    const db = await as(alma)
    const owner = { practiceId: world.a.id, clientId: world.a1.id }
    const staged = await stage(db, world.a.id, alma.id, pdf('once'))
    const [first, second] = await Promise.all([completeOwnDocument(db, adminDb(), alma.id, owner, staged), completeOwnDocument(db, adminDb(), alma.id, owner, staged)])
    expect([first.ok, second.ok].sort()).toEqual([false, true])
    expect(await completeOwnDocument(db, adminDb(), alma.id, owner, staged)).toMatchObject({ ok: false, problem: 'missing' })
    expect(await sql`select 1 from public.documents where client_id = ${world.a1.id} and size_bytes = ${pdf('once').byteLength} and file_name = 'document.pdf'`).toHaveLength(1)
  })

  it('refuses a practice that became read-only after the file was staged, keeping nothing', async () => {
    const owner = await createUser(sql, { fullName: 'Lapsing owner' })
    const practice = await createPractice(sql, owner, 'Lapsing practice')
    const record = await createClientRecord(sql, practice.id, null, 'Lapse')
    const db = await as(owner)
    const staged = await stage(db, practice.id, owner.id, pdf('late'))
    await newBillingRows(sql, practice.id)
    await sql`update public.billing_subscriptions set status = 'unpaid' where practice_id = ${practice.id}`
    const result = await completePracticeDocument(db, adminDb(), owner.id, { practiceId: practice.id, clientId: record.id }, staged, false)
    expect(result).toEqual({ ok: false, problem: 'read_only', message: READ_ONLY_MESSAGE })
    expect(await stagedExists(staged.stagingPath)).toBe(false)
    expect(await sql`select 1 from storage.objects where starts_with(name, ${practice.id + '/'})`).toHaveLength(0)
  })

  it('refuses a size the browser declared over the limit, or one that differs from what arrived', async () => {
    const alma = user('clientA1')
    const db = await as(alma)
    const staged = await stage(db, world.a.id, alma.id, pdf('size'))
    expect(await completeStagedDocument(adminDb(), { practiceId: world.a.id, clientId: world.a1.id }, alma.id, { ...staged, size: 21 * 1024 * 1024 })).toMatchObject({
      ok: false,
      problem: 'too_large',
    })
    expect(await stagedExists(staged.stagingPath)).toBe(false)
  })
})

describe('staged uploads never completed', () => {
  it('are removed by the retention pass once older than an hour; newer ones stay', async () => {
    const doula = user('doulaA')
    const db = await as(doula)
    const old = await stage(db, world.a.id, doula.id, pdf('old'))
    const fresh = await stage(db, world.a.id, doula.id, pdf('fresh'))
    await sql`update storage.objects set created_at = now() - make_interval(secs => ${STAGING_MAX_AGE_MS / 1000 + 60})
              where bucket_id = ${STAGING_BUCKET} and name = ${old.stagingPath}`
    expect(await removeStaleStagedObjects(adminDb())).toBeGreaterThanOrEqual(1)
    expect(await stagedExists(old.stagingPath)).toBe(false)
    expect(await stagedExists(fresh.stagingPath)).toBe(true)
  })

  it("go with an erasure: the whole practice's, or the erased client's own", async () => {
    const owner = await createUser(sql, { fullName: 'Leaving owner' })
    const practice = await createPractice(sql, owner, 'Leaving practice')
    const doula = await createUser(sql, { fullName: 'Staying doula' })
    await addMember(sql, practice.id, doula, 'doula')
    const portal = await createUser(sql, { fullName: 'Erased client' })
    const record = await createClientRecord(sql, practice.id, portal, 'Erased')
    await stage(await as(portal), practice.id, portal.id, pdf('hers'))
    await stage(await as(doula), practice.id, doula.id, pdf('doula'))
    const practiceName = 'Leaving practice'
    const deps = { admin: serviceApiClient() as Db, sendEmail }

    const clientJob = await startErasure(adminDb(), { scope: 'client', practiceId: practice.id, clientId: record.id }, { userId: owner.id, email: owner.email, role: 'owner', practiceId: practice.id, practiceName })
    await runErasure(deps, clientJob.id)
    expect(await stagedCount(sql, `${practice.id}/${portal.id}/`)).toBe(0)
    expect(await stagedCount(sql, `${practice.id}/${doula.id}/`)).toBe(1)

    await stage(await as(owner), practice.id, owner.id, pdf('owner'))
    const practiceJob = await startErasure(adminDb(), { scope: 'practice', practiceId: practice.id }, { userId: owner.id, email: owner.email, role: 'owner', practiceId: practice.id, practiceName })
    await runErasure(deps, practiceJob.id)
    expect(await stagedCount(sql, `${practice.id}/`)).toBe(0)
    expect(await sql`select 1 from storage.objects where starts_with(name, ${practice.id + '/'})`).toHaveLength(0)
  })
})
