import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizeExport } from '@/lib/privacy/export/authorize-export'
import { writePracticeExport, type ExportManifest } from '@/lib/privacy/export/export-practice.service'
import { zipStream } from '@/lib/privacy/zip/zip-stream'
import { serviceApiClient } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'
import { readZip, type ReadEntry } from '../../unit/privacy/zip-reader.ts'
import { adminDb, signIn, TEST_META } from '../../helpers/app-session.ts'
import { fillEverything } from '../../helpers/rows.ts'
import { withFiles, rowCounts } from './fixtures.ts'

const sql = superuser()
const scratch = mkdtempSync(join(tmpdir(), 'export-'))
afterAll(async () => {
  await sql.end()
  rmSync(scratch, { recursive: true, force: true })
})

/** RFC 4180 parsing, written independently of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += ch
  }
  expect(field).toBe('')
  return rows
}

describe('exporting a practice', () => {
  let world: World
  let file: string
  let manifest: ExportManifest
  let entries: Map<string, ReadEntry>

  beforeAll(async () => {
    world = await createWorld(sql)
    const owner = world.personas.ownerA.user!.id
    await fillEverything(sql, world.a1, owner, withFiles(3))
    await fillEverything(sql, world.a2, owner, withFiles(1))
    await sql`update public.clients set last_name = ${'=cmd|"/c calc"!A1, "quoted"\nnext'} where id = ${world.a1.id}`
    await fillEverything(sql, world.b1, world.b.owner.id, withFiles(1))

    file = join(scratch, 'a.zip')
    const zip = zipStream('export-test', async (archive) => {
      manifest = await writePracticeExport(archive, { admin: serviceApiClient(), practiceId: world.a.id, pageSize: 2 })
    })
    const out = createWriteStream(file)
    for await (const chunk of zip) if (!out.write(chunk)) await once(out, 'drain')
    out.end()
    await once(out, 'finish')
    entries = new Map(readZip(readFileSync(file)).entries.map((e) => [e.name, e]))
  }, 60_000)

  it('opens with the system unzip', () => {
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/)
  })

  it('holds a JSON and a CSV file per table with every row of the practice and none of another', async () => {
    const counts = await rowCounts(sql, world.a.id)
    expect(manifest.tables).toEqual(counts)
    for (const [table, n] of Object.entries(counts)) {
      const json = JSON.parse(entries.get(`data/${table}.json`)!.data.toString('utf8')) as Record<string, unknown>[]
      expect({ table, rows: json.length }).toEqual({ table, rows: n })
      expect(json.every((r) => (table === 'practices' ? r.id : r.practice_id) === world.a.id)).toBe(true)
      const csv = parseCsv(entries.get(`data/${table}.csv`)!.data.toString('utf8'))
      expect({ table, rows: csv.length - 1 }).toEqual({ table, rows: n })
      expect(csv.every((r) => r.length === csv[0]!.length)).toBe(true)
    }
  })

  it('writes awkward text so that it parses back and cannot run as a formula', () => {
    const csv = parseCsv(entries.get('data/clients.csv')!.data.toString('utf8'))
    const column = csv[0]!.indexOf('last_name')
    const values = csv.slice(1).map((r) => r[column])
    expect(values).toContain(`'=cmd|"/c calc"!A1, "quoted"\nnext`)
  })

  it('contains every stored file of the practice, byte for byte', async () => {
    const objects = await sql<{ name: string }[]>`
      select name from storage.objects where bucket_id = 'client-files' and starts_with(name, ${world.a.id + '/'}) order by name`
    expect(manifest.files).toBe(4)
    expect(objects).toHaveLength(4)
    for (const { name } of objects) {
      const [clientId, fileName] = name.slice(world.a.id.length + 1).split('/')
      const index = fileName!.match(/file-(\d+)/)![1]
      expect(entries.get(`files/${clientId}/${fileName}`)!.data.toString()).toBe(`%PDF-1.4 ${clientId} ${index}`)
    }
  })

  it('contains every form PDF of the practice under form-pdfs/, byte for byte', async () => {
    const objects = await sql<{ name: string }[]>`
      select name from storage.objects where bucket_id = 'intake-pdfs' and starts_with(name, ${world.a.id + '/'}) order by name`
    expect(objects).toHaveLength(2)
    expect(manifest.form_pdfs).toBe(2)
    for (const { name } of objects) {
      const [clientId] = name.slice(world.a.id.length + 1).split('/')
      expect(entries.get(`form-pdfs/${name.slice(world.a.id.length + 1)}`)!.data.toString()).toBe(`%PDF-1.4 agreement ${clientId}`)
    }
    expect([...entries.keys()].some((k) => k.includes(world.b.id) || k.includes(world.b1.id))).toBe(false)
  })

  it('has a manifest whose checksums match every entry', () => {
    const written = JSON.parse(entries.get('manifest.json')!.data.toString('utf8')) as ExportManifest
    expect(written).toEqual(manifest)
    expect(new Set(written.entries.map((e) => e.path))).toEqual(new Set([...entries.keys()].filter((n) => n !== 'manifest.json')))
    for (const entry of written.entries) {
      const data = entries.get(entry.path)!.data
      expect({ path: entry.path, sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length }).toEqual({
        path: entry.path,
        sha256: entry.sha256,
        bytes: entry.bytes,
      })
    }
  })

  it('lets owners and admins export and records each export in the audit log', async () => {
    for (const key of ['ownerA', 'adminA'] as const) {
      const user = world.personas[key].user!
      const { client } = await signIn(user)
      await authorizeExport(client, adminDb(), world.a.id, TEST_META)
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from public.audit_log
        where practice_id = ${world.a.id} and actor_id = ${user.id} and action = 'export.create' and entity_id = ${world.a.id}`
      expect({ key, audited: row!.n }).toEqual({ key, audited: 1 })
    }
  })

  it.each(['doulaA', 'clientA1', 'doulaB'] as const)('refuses %s', async (key) => {
    const { client } = await signIn(world.personas[key].user!)
    await expect(authorizeExport(client, adminDb(), world.a.id, TEST_META)).rejects.toMatchObject({ code: 'forbidden' })
  })
})
