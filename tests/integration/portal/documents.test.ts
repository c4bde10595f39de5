import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_DOCUMENT_BYTES } from '@/lib/documents/file-type'
import { completeOwnDocument, deleteOwnDocument, signedDownloadUrl } from '@/lib/documents/store'
import type { Db } from '@/lib/server/db'
import { adminDb } from '../../helpers/app-session.ts'
import { stage, stagedCount } from '../../helpers/documents.ts'
import { clientAs, type TestUser } from '../../helpers/personas.ts'
import { newDocument } from '../../helpers/rows.ts'
import { serviceClient, superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'

const sql = superuser()
let world: World

const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n')

async function footprint(clientId: string) {
  const [rows] = await sql<{ n: number }[]>`select count(*)::int as n from public.documents where client_id = ${clientId}`
  const [objects] = await sql<{ n: number }[]>`select count(*)::int as n from storage.objects where bucket_id = 'client-files' and name like ${'%/' + clientId + '/%'}`
  return { rows: rows!.n, objects: objects!.n }
}

beforeAll(async () => {
  world = await createWorld(sql)
})

const META = { ip: '203.0.113.9', userAgent: 'vitest' }
const as = async (user: TestUser) => (await clientAs(user)) as Db
/** What her browser and the portal's "complete" route do: she stages the file, her record is checked through her RLS, the server files it. */
const upload = async (user: TestUser, owner: { practiceId: string; clientId: string }, name: string, body: Uint8Array) =>
  completeOwnDocument(await as(user), adminDb(), user.id, owner, await stage(await as(user), owner.practiceId, user.id, body, name))
const download = async (user: TestUser, id: string) => signedDownloadUrl(await as(user), adminDb(), user.id, id, META)
const remove = async (user: TestUser, id: string) => deleteOwnDocument(await as(user), adminDb(), id)
afterAll(() => sql.end())

describe('client documents', () => {
  it('stores her PDF under her folder, lets her download it through a short signed URL (audited) and delete it', async () => {
    const alma = world.personas.clientA1.user!
    const owner = { practiceId: world.a.id, clientId: world.a1.id }
    const stored = await upload(alma, owner, '../../Birth plan.pdf', pdf)
    expect(stored).toMatchObject({ ok: true, fileName: 'Birth plan.pdf' })
    if (!stored.ok) return
    const [row] = await sql`select storage_path, mime_type, size_bytes, uploaded_by from public.documents where id = ${stored.id}`
    expect(row).toMatchObject({ mime_type: 'application/pdf', size_bytes: String(pdf.byteLength), uploaded_by: world.personas.clientA1.user!.id })
    expect(row!.storage_path).toMatch(new RegExp(`^${world.a.id}/${world.a1.id}/[0-9a-f-]{36}\\.pdf$`))

    const url = await download(alma, stored.id)
    expect(url).not.toBeNull()
    const token = new URL(url!).searchParams.get('token')!
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number }
    expect(payload.exp - payload.iat).toBeLessThanOrEqual(60)
    const fetched = await fetch(url!)
    expect(fetched.status).toBe(200)
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(pdf)
    const audit = await sql`select actor_id, actor_role, outcome, host(ip) as ip, user_agent from public.audit_log where action = 'document.download' and entity_id = ${stored.id}`
    expect(audit).toEqual([{ actor_id: alma.id, actor_role: 'client', outcome: 'success', ip: META.ip, user_agent: META.userAgent }])

    expect(await remove(alma, stored.id)).toBe(true)
    expect(await footprint(world.a1.id)).toEqual({ rows: 0, objects: 0 })
  })

  it('rejects an HTML file named .pdf, an SVG, an empty file and a 21 MB file, leaving no row, no object and nothing staged', async () => {
    const bea = world.personas.clientA2.user!
    const owner = { practiceId: world.a.id, clientId: world.a2.id }
    const html = new TextEncoder().encode('<!doctype html><script>alert(1)</script>')
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    expect(await upload(bea, owner, 'report.pdf', html)).toMatchObject({ ok: false, problem: 'unsupported_type' })
    expect(await upload(bea, owner, 'scan.svg', svg)).toMatchObject({ ok: false, problem: 'unsupported_type' })
    expect(await upload(bea, owner, 'empty.pdf', new Uint8Array(0))).toMatchObject({ ok: false, problem: 'empty', message: expect.stringMatching(/empty/) })
    // Storage itself refuses more than the limit in her staging folder.
    const huge = new Uint8Array(MAX_DOCUMENT_BYTES + 1)
    huge.set(pdf)
    await expect(upload(bea, owner, 'huge.pdf', huge)).rejects.toThrow(/staging refused: .*(size|large)/i)
    expect(await footprint(world.a2.id)).toEqual({ rows: 0, objects: 0 })
    expect(await stagedCount(sql, `${world.a.id}/${bea.id}/`)).toBe(0)
  })

  it('gives another client neither a download link nor a delete, and keeps a practice document undeletable by her', async () => {
    const alma = world.personas.clientA1.user!
    const bea = world.personas.clientA2.user!
    const stored = await upload(alma, { practiceId: world.a.id, clientId: world.a1.id }, 'labs.pdf', pdf)
    if (!stored.ok) throw new Error(stored.message)
    expect(await download(bea, stored.id)).toBeNull()
    expect(await remove(bea, stored.id)).toBe(false)
    // Bea cannot file into Alma's record either: her RLS does not find Alma's record, so nothing is stored and what she staged is gone.
    const before = await footprint(world.a1.id)
    await expect(upload(bea, { practiceId: world.a.id, clientId: world.a1.id }, 'x.pdf', pdf)).rejects.toMatchObject({ code: 'not_found' })
    expect(await footprint(world.a1.id)).toEqual(before)
    expect(await stagedCount(sql, `${world.a.id}/${bea.id}/`)).toBe(0)

    const path = `${world.a.id}/${world.a1.id}/shared-${stored.id}.pdf`
    const uploaded = await serviceClient().storage.from('client-files').upload(path, pdf, { contentType: 'application/pdf' })
    expect(uploaded.error).toBeNull()
    const shared = await newDocument(sql, world.a1, world.personas.doulaA.user!.id, true, path)
    expect(await download(alma, shared)).not.toBeNull()
    expect(await remove(alma, shared)).toBe(false)
  })

  it('refuses the client whose portal access was revoked, from her next request on', async () => {
    const cora = world.personas.doulaBClientA.user!
    const owner = { practiceId: world.a.id, clientId: world.a3.id }
    const stored = await upload(cora, owner, 'scan.pdf', pdf)
    if (!stored.ok) throw new Error(stored.message)
    expect(await download(cora, stored.id)).not.toBeNull()
    await sql`update public.clients set portal_user_id = null where id = ${world.a3.id}`
    expect(await download(cora, stored.id)).toBeNull()
    // Storage refuses her staging write at once: RLS checks it as it happens.
    await expect(upload(cora, owner, 'later.pdf', pdf)).rejects.toThrow(/staging refused: new row violates row-level security/)
    expect(await remove(cora, stored.id)).toBe(false)
  })
})
