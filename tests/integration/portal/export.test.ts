import { createHash, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MY_DATA_TABLES } from '@/lib/portal/export/my-data-tables'
import { recordMyDataExport, writeMyDataExport, type MyDataManifest, type MyDataSource } from '@/lib/portal/export/my-data.service'
import { zipStream } from '@/lib/privacy/zip/zip-stream'
import { adminDb } from '../../helpers/app-session.ts'
import { storeAs } from '../../helpers/documents.ts'
import { clientAs } from '../../helpers/personas.ts'
import { newAppointment, newDocument, newFormRequest, newMessage, newMilestone } from '../../helpers/rows.ts'
import { serviceClient, superuser } from '../../helpers/stack.ts'
import { createWorld, type ClientRecord, type World } from '../../helpers/world.ts'
import { readZip } from '../../unit/privacy/zip-reader.ts'

const sql = superuser()
let world: World

/** Words that exist once in the database, so finding them anywhere in the archive is a leak. */
const marks = {
  herMessage: `her-message-${randomUUID()}`,
  reply: `practice-reply-${randomUUID()}`,
  note: `private-note-${randomUUID()}`,
  otherClientMessage: `other-client-${randomUUID()}`,
  unsharedMilestone: `unshared-milestone-${randomUUID()}`,
  leadSource: `lead-${randomUUID().slice(0, 8)}`,
}
const herPdf = new TextEncoder().encode(`%PDF-1.7\n% her own scan ${randomUUID()}\n%%EOF\n`)
const sharedPdf = new TextEncoder().encode(`%PDF-1.7\n% shared birth plan ${randomUUID()}\n%%EOF\n`)
const unsharedPdf = new TextEncoder().encode(`%PDF-1.7\n% internal checklist ${randomUUID()}\n%%EOF\n`)

interface Archive {
  manifest: MyDataManifest
  files: Map<string, Buffer>
  whole: string
}

async function exportAs(source: MyDataSource): Promise<Archive> {
  const bytes = Buffer.from(await new Response(zipStream('my-data-test', (zip) => writeMyDataExport(zip, source))).arrayBuffer())
  const files = new Map(readZip(bytes).entries.map((e) => [e.name, e.data]))
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as MyDataManifest
  return { manifest, files, whole: bytes.toString('latin1') }
}

const json = (archive: Archive, name: string) => JSON.parse(archive.files.get(`data/${name}.json`)!.toString('utf8')) as Record<string, unknown>[]

async function storedObject(c: ClientRecord, bytes: Uint8Array) {
  const path = `${c.practiceId}/${c.id}/${randomUUID()}.pdf`
  const { error } = await serviceClient().storage.from('client-files').upload(path, bytes, { contentType: 'application/pdf' })
  if (error) throw error
  return path
}

async function message(c: ClientRecord, senderId: string, side: 'practice' | 'client', body: string) {
  await sql`insert into public.messages (practice_id, client_id, sender_id, sender_side, body)
            values (${c.practiceId}, ${c.id}, ${senderId}, ${side}, ${body})`
}

let ids: { sharedAppointment: string; unsharedAppointment: string; sharedDocument: string; unsharedDocument: string; upload: string }

beforeAll(async () => {
  world = await createWorld(sql)
  const doula = world.personas.doulaA.user!.id
  const alma = world.personas.clientA1.user!.id
  await sql`update public.clients set lead_source = ${marks.leadSource}, utm = ${sql.json({ source: marks.leadSource })} where id = ${world.a1.id}`
  const sharedAppointment = await newAppointment(sql, world.a1, true)
  const unsharedAppointment = await newAppointment(sql, world.a1, false)
  await newMilestone(sql, world.a1, true)
  const hidden = await newMilestone(sql, world.a1, false)
  await sql`update public.milestones set title = ${marks.unsharedMilestone} where id = ${hidden}`
  await sql`insert into public.notes (practice_id, client_id, journey_id, author_id, body)
            values (${world.a.id}, ${world.a1.id}, ${world.a1.journeyId}, ${doula}, ${marks.note})`
  await message(world.a1, alma, 'client', marks.herMessage)
  await message(world.a1, doula, 'practice', marks.reply)
  await message(world.a2, world.personas.clientA2.user!.id, 'client', marks.otherClientMessage)
  await newDocument(sql, world.a2, doula, true, await storedObject(world.a2, sharedPdf))

  const sharedDocument = await newDocument(sql, world.a1, doula, true, await storedObject(world.a1, sharedPdf))
  const unsharedDocument = await newDocument(sql, world.a1, doula, false, await storedObject(world.a1, unsharedPdf))
  const upload = await storeAs(world.personas.clientA1.user!, { practiceId: world.a.id, clientId: world.a1.id }, 'My scan.pdf', herPdf)
  if (!upload.ok) throw new Error(upload.message)
  await newFormRequest(sql, world.a1)
  await newFormRequest(sql, world.a2)
  ids = { sharedAppointment, unsharedAppointment, sharedDocument, unsharedDocument, upload: upload.id }
})
afterAll(() => sql.end())

describe('"Download my data"', () => {
  let archive: Archive

  beforeAll(async () => {
    const alma = world.personas.clientA1.user!
    archive = await exportAs({ db: await clientAs(alma), admin: adminDb(), userId: alma.id, practiceId: world.a.id, clientId: world.a1.id, pageSize: 1 })
  })

  it('holds her record, her pregnancy, shared appointments and milestones, her thread and her files, as JSON and CSV', () => {
    expect(json(archive, 'client')).toEqual([expect.objectContaining({ id: world.a1.id, first_name: 'Alma' })])
    expect(json(archive, 'journeys').map((j) => j.id)).toEqual([world.a1.journeyId])
    expect(json(archive, 'appointments').map((a) => a.id)).toEqual([ids.sharedAppointment])
    expect(json(archive, 'milestones')).toEqual([expect.objectContaining({ title: 'Birth plan review' })])
    expect(json(archive, 'messages').map((m) => m.body).sort()).toEqual([marks.herMessage, marks.reply].sort())
    expect(json(archive, 'forms')).toEqual([expect.objectContaining({ kind: 'intake', answers: {}, template_snapshot: expect.objectContaining({ name: 'Intake' }) })])

    const documents = json(archive, 'documents')
    expect(documents.map((d) => d.id).sort()).toEqual([ids.sharedDocument, ids.upload].sort())
    const upload = documents.find((d) => d.id === ids.upload)!
    expect(upload).toMatchObject({ file_name: 'My scan.pdf', uploaded_by_me: true, archive_path: `files/${ids.upload}-My scan.pdf` })
    expect(archive.files.get(upload.archive_path as string)).toEqual(Buffer.from(herPdf))
    const shared = documents.find((d) => d.id === ids.sharedDocument)!
    expect(shared.uploaded_by_me).toBe(false)
    expect(archive.files.get(shared.archive_path as string)).toEqual(Buffer.from(sharedPdf))

    for (const table of MY_DATA_TABLES) {
      const csv = archive.files.get(`data/${table.name}.csv`)!.toString('utf8')
      const lines = csv.split('\r\n').filter((l) => l !== '')
      expect(lines[0]).toBe(table.columns.join(','))
      expect(lines.length - 1).toBe(archive.manifest.tables[table.name])
    }
    expect(archive.files.get('data/messages.csv')!.toString('utf8')).toContain(marks.herMessage)
  })

  it('lists every entry in the manifest with its row counts, size and SHA-256', () => {
    expect(archive.manifest).toMatchObject({
      format: 'doulaos-my-data/1',
      practice_id: world.a.id,
      client_id: world.a1.id,
      tables: { client: 1, journeys: 1, appointments: 1, milestones: 1, forms: 1, messages: 2, documents: 2 },
      files: 2,
    })
    const listed = archive.manifest.entries.map((e) => e.path).sort()
    expect(listed).toEqual([...archive.files.keys()].filter((n) => n !== 'manifest.json').sort())
    for (const entry of archive.manifest.entries) {
      const data = archive.files.get(entry.path)!
      expect(entry.bytes).toBe(data.byteLength)
      expect(entry.sha256).toBe(createHash('sha256').update(data).digest('hex'))
    }
  })

  it('never holds a private note, an unshared item, another client or the practice’s internal fields', () => {
    for (const leak of [marks.note, marks.otherClientMessage, marks.unsharedMilestone, marks.leadSource, ids.unsharedAppointment, ids.unsharedDocument, world.a2.id]) {
      expect(archive.whole).not.toContain(leak)
    }
    expect(archive.whole).not.toContain(new TextDecoder().decode(unsharedPdf))
    expect(archive.whole).not.toContain(world.personas.doulaA.user!.id)
    const internal = ['portal_user_id', 'lead_source', 'utm', 'created_by', 'archived_at', 'doula_id', 'primary_doula_id', 'reminder_sent_at', 'shared_with_client', 'sender_id', 'storage_path', 'uploaded_by', 'status']
    for (const [name, rows] of [['client', json(archive, 'client')], ['journeys', json(archive, 'journeys')], ['documents', json(archive, 'documents')], ['messages', json(archive, 'messages')]] as const) {
      for (const row of rows) for (const field of internal) expect(Object.keys(row), `${name}.${field}`).not.toContain(field)
    }
  })

  it('relies on her RLS: pointed at another client’s record with her session, it exports nothing', async () => {
    const alma = world.personas.clientA1.user!
    const forged = await exportAs({ db: await clientAs(alma), admin: adminDb(), userId: alma.id, practiceId: world.a.id, clientId: world.a2.id })
    expect(forged.manifest.tables).toEqual({ client: 0, journeys: 0, appointments: 0, milestones: 0, forms: 0, messages: 0, documents: 0 })
    expect(forged.manifest.files).toBe(0)
    expect(forged.whole).not.toContain(marks.otherClientMessage)
  })

  it('covers only this practice for a client who is a doula elsewhere', async () => {
    const cora = world.personas.doulaBClientA.user!
    await newMessage(sql, world.b1, world.personas.doulaB.user!.id, 'practice')
    const hers = await exportAs({ db: await clientAs(cora), admin: adminDb(), userId: cora.id, practiceId: world.a.id, clientId: world.a3.id })
    expect(hers.manifest.tables).toMatchObject({ client: 1, journeys: 1, messages: 0 })
    expect(hers.whole).not.toContain(world.b1.id)
    expect(hers.whole).not.toContain(world.b.id)
  })

  it('is recorded in the audit log as her', async () => {
    const meta = { ip: '198.51.100.4', userAgent: 'vitest' }
    await recordMyDataExport(adminDb(), { userId: world.personas.clientA1.user!.id, practiceId: world.a.id, clientId: world.a1.id }, meta)
    const rows = await sql`select actor_id, actor_role, entity_id, host(ip) as ip from public.audit_log where action = 'portal.export' and practice_id = ${world.a.id}`
    expect(rows).toEqual([{ actor_id: world.personas.clientA1.user!.id, actor_role: 'client', entity_id: world.a1.id, ip: meta.ip }])
    await expect(recordMyDataExport(adminDb(), { userId: world.personas.clientB1.user!.id, practiceId: world.a.id, clientId: world.a1.id }, meta)).rejects.toThrow()
  })
})
