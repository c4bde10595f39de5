import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_DOCUMENT_BYTES } from '@/lib/documents/file-type'
import { completePracticeDocument, deletePracticeDocument, listPracticeClientDocuments, setDocumentShared } from '@/lib/documents/practice-documents'
import { listClientDocuments } from '@/lib/documents/queries'
import { completeOwnDocument, DOCUMENTS_BUCKET, signedDownloadUrl } from '@/lib/documents/store'
import { isAppError } from '@/lib/errors'
import type { Db } from '@/lib/server/db'
import { adminDb } from '../../helpers/app-session.ts'
import { stage, stagedCount } from '../../helpers/documents.ts'
import { clientAs, type TestUser } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type ClientRecord, type World } from '../../helpers/world.ts'
import { dbAs } from './fixtures.ts'

const sql = superuser()
let world: World
let doulaA: Db
let doulaB: Db

const text = (s: string) => new TextEncoder().encode(s)
const pdf = (label: string) => text(`%PDF-1.7\n% ${label}\n%%EOF\n`)
const ref = (c: ClientRecord) => ({ practiceId: c.practiceId, clientId: c.id })
const META = { ip: null, userAgent: 'vitest' }
const member = (db: Db) => (db === doulaA ? world.personas.doulaA.user! : world.personas.doulaB.user!).id
const practiceOf = (db: Db) => (db === doulaA ? world.a.id : world.b.id)
/** What her browser and the "complete" route do: she stages the file in her own practice's folder, the server checks and files it. */
const storeFor = async (db: Db, c: { practiceId: string; clientId: string }, name: string, body: Uint8Array, shared: boolean, declaredSize?: number) => {
  const staged = await stage(db, practiceOf(db), member(db), body, name)
  return completePracticeDocument(db, adminDb(), member(db), c, { ...staged, size: declaredSize ?? staged.size }, shared)
}
const deleteAs = (db: Db, practiceId: string, id: string) => deletePracticeDocument(db, adminDb(), practiceId, id)
const downloadAs = (db: Db, user: TestUser, id: string) => signedDownloadUrl(db, adminDb(), user.id, id, META)

async function footprint(clientId: string) {
  const [rows] = await sql<{ n: number }[]>`select count(*)::int as n from public.documents where client_id = ${clientId}`
  const [objects] = await sql<{ n: number }[]>`select count(*)::int as n from storage.objects where bucket_id = 'client-files' and name like ${'%/' + clientId + '/%'}`
  return { rows: rows!.n, objects: objects!.n }
}

async function stored(result: Promise<{ ok: true; id: string } | { ok: false; message: string }>): Promise<string> {
  const r = await result
  if (!r.ok) throw new Error(r.message)
  return r.id
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (isAppError(error)) return error.code
    throw error
  }
  throw new Error('expected an AppError, but the call succeeded')
}

beforeAll(async () => {
  world = await createWorld(sql)
  doulaA = await dbAs(world.personas.doulaA.user!)
  doulaB = await dbAs(world.personas.doulaB.user!)
})
afterAll(() => sql.end())

describe("a doula's documents for a client", () => {
  it('shares one file and keeps another: she sees and downloads only the shared one, and unsharing hides it', async () => {
    const alma = await clientAs(world.personas.clientA1.user!)
    const privateId = await stored(storeFor(doulaA, ref(world.a1), 'Intake notes.pdf', pdf('private'), false))
    const sharedId = await stored(storeFor(doulaA, ref(world.a1), 'Birth plan template.pdf', pdf('shared'), true))

    const all = await listPracticeClientDocuments(doulaA, ref(world.a1))
    expect(all.map((d) => [d.file_name, d.shared_with_client, d.uploaded_by])).toEqual([
      ['Birth plan template.pdf', true, world.personas.doulaA.user!.id],
      ['Intake notes.pdf', false, world.personas.doulaA.user!.id],
    ])

    expect((await listClientDocuments(alma, world.a1.id)).map((d) => d.id)).toEqual([sharedId])
    const url = await downloadAs(alma, world.personas.clientA1.user!, sharedId)
    expect(url).not.toBeNull()
    const download = await fetch(url!)
    expect(download.status).toBe(200)
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf('shared'))
    expect(await downloadAs(alma, world.personas.clientA1.user!, privateId)).toBeNull()
    // Storage itself refuses her every object: files only ever leave through the server.
    const [privateRow] = await sql<{ storage_path: string }[]>`select storage_path from public.documents where id = ${privateId}`
    const [sharedRow] = await sql<{ storage_path: string }[]>`select storage_path from public.documents where id = ${sharedId}`
    for (const path of [privateRow!.storage_path, sharedRow!.storage_path]) {
      expect((await alma.storage.from(DOCUMENTS_BUCKET).download(path)).error).not.toBeNull()
      expect((await alma.storage.from(DOCUMENTS_BUCKET).createSignedUrl(path, 60)).error).not.toBeNull()
    }

    await setDocumentShared(doulaA, world.a.id, sharedId, false)
    expect(await listClientDocuments(alma, world.a1.id)).toEqual([])
    expect(await downloadAs(alma, world.personas.clientA1.user!, sharedId)).toBeNull()
    await setDocumentShared(doulaA, world.a.id, privateId, true)
    expect((await listClientDocuments(alma, world.a1.id)).map((d) => d.id)).toEqual([privateId])
  })

  it("refuses another practice's doula as not found and stores nothing; she cannot share or delete A's documents", async () => {
    const before = await footprint(world.a3.id)
    expect(await errorCode(storeFor(doulaB, ref(world.a3), 'x.pdf', pdf('x'), true))).toBe('not_found')
    expect(await errorCode(storeFor(doulaB, { practiceId: world.b.id, clientId: world.a3.id }, 'x.pdf', pdf('x'), true))).toBe('not_found')
    expect(await footprint(world.a3.id)).toEqual(before)
    expect(await stagedCount(sql, `${world.b.id}/${member(doulaB)}/`)).toBe(0)

    const id = await stored(storeFor(doulaA, ref(world.a3), 'Receipt.pdf', pdf('receipt'), false))
    expect(await errorCode(setDocumentShared(doulaB, world.a.id, id, true))).toBe('not_found')
    expect(await errorCode(setDocumentShared(doulaB, world.b.id, id, true))).toBe('not_found')
    expect(await errorCode(deleteAs(doulaB, world.b.id, id))).toBe('not_found')
    const [row] = await sql`select shared_with_client from public.documents where id = ${id}`
    expect(row).toEqual({ shared_with_client: false })
    expect(await listPracticeClientDocuments(doulaB, ref(world.a3))).toEqual([])
  })

  it('refuses an HTML file renamed .pdf, an empty file, a file declared over 20 MB and one that did not arrive whole, leaving no row, no object and nothing staged', async () => {
    expect(await storeFor(doulaA, ref(world.a2), 'report.pdf', text('<!doctype html><script>alert(1)</script>'), true)).toMatchObject({
      ok: false,
      problem: 'unsupported_type',
    })
    expect(await storeFor(doulaA, ref(world.a2), 'empty.pdf', new Uint8Array(0), true)).toMatchObject({ ok: false, problem: 'empty' })
    expect(await storeFor(doulaA, ref(world.a2), 'huge.pdf', pdf('huge'), true, MAX_DOCUMENT_BYTES + 1)).toMatchObject({
      ok: false,
      problem: 'too_large',
      message: expect.stringMatching(/20 MB/),
    })
    expect(await storeFor(doulaA, ref(world.a2), 'cut.pdf', pdf('cut'), true, 4096)).toMatchObject({ ok: false, problem: 'incomplete' })
    expect(await footprint(world.a2.id)).toEqual({ rows: 0, objects: 0 })
    expect(await stagedCount(sql, `${world.a.id}/${member(doulaA)}/`)).toBe(0)
  })

  it("deletes any of the client's documents, hers included, removing row and object", async () => {
    const bea = await clientAs(world.personas.clientA2.user!)
    const beaUser = world.personas.clientA2.user!
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])
    const hers = await stored(completeOwnDocument(bea, adminDb(), beaUser.id, ref(world.a2), await stage(bea, world.a.id, beaUser.id, png, 'Ultrasound.png')))
    const ours = await stored(storeFor(doulaA, ref(world.a2), 'Invoice.pdf', pdf('invoice'), true))
    expect(await footprint(world.a2.id)).toEqual({ rows: 2, objects: 2 })

    expect(await deleteAs(doulaA, world.a.id, hers)).toEqual({ clientId: world.a2.id })
    expect(await deleteAs(doulaA, world.a.id, ours)).toEqual({ clientId: world.a2.id })
    expect(await footprint(world.a2.id)).toEqual({ rows: 0, objects: 0 })
    expect(await errorCode(deleteAs(doulaA, world.a.id, ours))).toBe('not_found')
  })
})
