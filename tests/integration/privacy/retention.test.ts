import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OutgoingEmail } from '@/lib/email/send'
import { eraseAccount } from '@/lib/privacy/deletion/erase.service'
import { writePracticeExport, type ExportManifest } from '@/lib/privacy/export/export-practice.service'
import { archiveExpiredAuditRows, AUDIT_ARCHIVE_BUCKET } from '@/lib/privacy/retention.service'
import { zipStream } from '@/lib/privacy/zip/zip-stream'
import { LOCAL_CRON_SECRET } from '../../../scripts/local-env.ts'
import { adminDb, signIn, useAppEnv, TEST_META } from '../../helpers/app-session.ts'
import { serviceApiClient } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'
import { readZip } from '../../unit/privacy/zip-reader.ts'
import { fillEverything } from '../../helpers/rows.ts'
import { withFiles, loginExists, objectCount } from './fixtures.ts'

const sql = superuser()
afterAll(() => sql.end())

let GET: (request: Request) => Promise<Response>
let sendEmail: (email: OutgoingEmail) => Promise<unknown>
let world: World
beforeAll(async () => {
  useAppEnv()
  ;({ GET } = await import('@/app/api/cron/retention/route'))
  ;({ sendEmail } = await import('@/lib/email/send'))
  world = await createWorld(sql)
})

const call = (authorization?: string) =>
  GET(new Request('http://127.0.0.1:3000/api/cron/retention', authorization ? { headers: { authorization } } : {}))
const runCron = async () => {
  const res = await call(`Bearer ${LOCAL_CRON_SECRET}`)
  expect(res.status).toBe(200)
  return (await res.json()) as { audit: { archivedRows: number; expiredObjects: number }; erasures: { resumed: number } }
}

/** An audit row of the practice at `daysIntoMonth` days into the month that began `monthsAgo` months ago. */
async function auditRow(practiceId: string, monthsAgo: number, daysIntoMonth = 1) {
  const [row] = await sql<{ id: string; month: string }[]>`
    insert into public.audit_log (practice_id, actor_role, action, entity, entity_id, occurred_at)
    values (${practiceId}, 'system', 'export.create', 'practices', ${practiceId},
            date_trunc('month', now() - make_interval(months => ${monthsAgo}::int), 'UTC') + make_interval(days => ${daysIntoMonth}::int))
    returning id::text, to_char(occurred_at at time zone 'UTC', 'YYYY-MM') as month`
  return row!
}

const inTable = async (ids: string[]) =>
  (await sql<{ id: string }[]>`select id::text from public.audit_log where id::text = any(${ids}) order by id`).map((r) => r.id)

async function archiveObjects(practiceId: string) {
  return sql<{ name: string }[]>`
    select name from storage.objects where bucket_id = ${AUDIT_ARCHIVE_BUCKET} and starts_with(name, ${practiceId + '/'}) order by name`
}

/** Every archived row of the practice, read back through the Storage API. */
async function archivedRows(practiceId: string) {
  const rows: { object: string; row: Record<string, unknown> }[] = []
  for (const { name } of await archiveObjects(practiceId)) {
    const { data, error } = await serviceApiClient().storage.from(AUDIT_ARCHIVE_BUCKET).download(name)
    expect(error).toBeNull()
    const text = await data!.text()
    expect(text.endsWith('\n')).toBe(true)
    for (const line of text.trimEnd().split('\n')) rows.push({ object: name, row: JSON.parse(line) as Record<string, unknown> })
  }
  return rows
}

async function uploadArchive(name: string) {
  const { error } = await serviceApiClient()
    .storage.from(AUDIT_ARCHIVE_BUCKET)
    .upload(name, new Blob(['{}\n'], { type: 'application/x-ndjson' }), { contentType: 'application/x-ndjson' })
  expect(error).toBeNull()
}

const monthAgo = async (months: number) =>
  (await sql<{ m: string }[]>`select to_char(now() - make_interval(months => ${months}::int), 'YYYY-MM') as m`)[0]!.m

describe('GET /api/cron/retention', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a wrong secret', 'Bearer not-the-cron-secret-at-all'],
  ])('refuses %s and archives nothing', async (_label, header) => {
    const old = await auditRow(world.a.id, 14)
    const res = await call(header)
    expect(res.status).toBe(401)
    expect(await inTable([old.id])).toEqual([old.id])
  })

  it('moves rows older than 12 months to the archive, content intact, and keeps younger rows', async () => {
    const w = await createWorld(sql)
    const first = await auditRow(w.a.id, 14, 2)
    const second = await auditRow(w.a.id, 14, 9)
    const other = await auditRow(w.a.id, 20)
    const young = await auditRow(w.a.id, 10)
    const expected = await sql<Record<string, unknown>[]>`
      select to_jsonb(a) as row from public.audit_log a where id::text = any(${[first.id, second.id, other.id]}) order by id`

    const body = await runCron()
    expect(body.audit.archivedRows).toBeGreaterThanOrEqual(3)
    expect(await inTable([first.id, second.id, other.id, young.id])).toEqual([young.id])

    const archived = (await archivedRows(w.a.id)).sort((x, y) => Number(x.row.id) - Number(y.row.id))
    expect(archived.map((a) => a.row)).toEqual(expected.map((e) => e.row))
    const byId = new Map(archived.map((a) => [String(a.row.id), a.object]))
    const objectPattern = (month: string) => new RegExp(`^${w.a.id}/${month}/[0-9a-f-]{36}\\.ndjson$`)
    expect(byId.get(first.id)).toMatch(objectPattern(first.month))
    expect(byId.get(second.id)).toBe(byId.get(first.id))
    expect(byId.get(other.id)).toMatch(objectPattern(other.month))
  })

  it('re-run after a crash between upload and delete leaves no duplicate and loses nothing', async () => {
    const w = await createWorld(sql)
    const rows = [await auditRow(w.a.id, 15, 3), await auditRow(w.a.id, 15, 4), await auditRow(w.a.id, 15, 5)]
    const ids = rows.map((r) => r.id)
    const admin = adminDb()
    const stored: string[] = []
    const crashAfterUpload = async (name: string, ndjson: string) => {
      const { error } = await admin.storage.from(AUDIT_ARCHIVE_BUCKET).upload(name, new Blob([ndjson], { type: 'application/x-ndjson' }), {
        contentType: 'application/x-ndjson',
        upsert: true,
      })
      expect(error).toBeNull()
      if (name.startsWith(`${w.a.id}/`)) {
        stored.push(name)
        throw new Error('injected: crash after upload')
      }
    }
    await expect(archiveExpiredAuditRows({ admin, store: crashAfterUpload, batchSize: 2 })).rejects.toThrow('injected')
    expect(stored).toHaveLength(1)
    expect((await archiveObjects(w.a.id)).map((o) => o.name)).toEqual(stored)
    expect(await inTable(ids)).toEqual(ids)

    await runCron()
    expect(await inTable(ids)).toEqual([])
    const archived = (await archivedRows(w.a.id)).map((a) => String(a.row.id)).sort()
    expect(archived).toEqual([...ids].sort())
    expect((await archiveObjects(w.a.id)).map((o) => o.name)).toContain(stored[0])
  })

  it('removes archive objects once their month is more than six years old', async () => {
    const w = await createWorld(sql)
    const expired = `${w.a.id}/${await monthAgo(6 * 12 + 2)}/manual.ndjson`
    const kept = `${w.a.id}/${await monthAgo(6 * 12 - 2)}/manual.ndjson`
    await uploadArchive(expired)
    await uploadArchive(kept)
    const body = await runCron()
    expect(body.audit.expiredObjects).toBeGreaterThanOrEqual(1)
    expect((await archiveObjects(w.a.id)).map((o) => o.name)).toEqual([kept])
  })
})

describe("a practice's audit archive is part of its data", () => {
  it('is in the export, listed in its manifest', async () => {
    const w = await createWorld(sql)
    const row = await auditRow(w.a.id, 16)
    await runCron()
    const [object] = await archiveObjects(w.a.id)
    let manifest!: ExportManifest
    const zip = zipStream('retention-test', async (archive) => {
      manifest = await writePracticeExport(archive, { admin: adminDb(), practiceId: w.a.id })
    })
    const entries = new Map(readZip(Buffer.from(await new Response(zip).arrayBuffer())).entries.map((e) => [e.name, e.data]))
    const path = `audit-archive/${object!.name.slice(w.a.id.length + 1)}`
    expect(manifest.audit_archive_objects).toBe(1)
    expect(manifest.entries.map((e) => e.path)).toContain(path)
    const exported = entries.get(path)!.toString('utf8')
    expect(JSON.parse(exported.trimEnd())).toMatchObject({ id: Number(row.id), practice_id: w.a.id })
  })

  it('is removed by the practice deletion', async () => {
    const w = await createWorld(sql)
    await auditRow(w.a.id, 17)
    await runCron()
    expect(await archiveObjects(w.a.id)).toHaveLength(1)
    const [practice] = await sql<{ name: string }[]>`select name from public.practices where id = ${w.a.id}`
    const { client } = await signIn(w.personas.ownerA.user!)
    await eraseAccount(client, { admin: adminDb(), sendEmail }, { practiceId: w.a.id, typedName: practice!.name, meta: TEST_META })
    expect(await archiveObjects(w.a.id)).toEqual([])
    expect(await sql`select 1 from private.audit_archive_batches where practice_id = ${w.a.id}`).toHaveLength(0)
  })
})

describe('the retention cron and interrupted erasures', () => {
  it('finishes an erasure that stopped and was left alone', async () => {
    const w = await createWorld(sql)
    const owner = w.personas.ownerA.user!
    await fillEverything(sql, w.a1, owner.id, withFiles(3))
    const [practice] = await sql<{ name: string }[]>`select name from public.practices where id = ${w.a.id}`
    const { client } = await signIn(owner)
    const failing = async () => {
      throw new Error('injected: storage unavailable')
    }
    await expect(
      eraseAccount(client, { admin: adminDb(), sendEmail, removeObjects: failing }, { practiceId: w.a.id, typedName: practice!.name, meta: TEST_META }),
    ).rejects.toThrow('injected')
    // An hour of silence; the ledger's touch trigger would reset updated_at, so bypass it here.
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`
      await tx`update private.practice_deletions set updated_at = now() - interval '1 hour' where practice_id = ${w.a.id}`
    })

    const body = await runCron()
    expect(body.erasures.resumed).toBeGreaterThanOrEqual(1)
    expect(await objectCount(sql, `${w.a.id}/`)).toBe(0)
    expect(await sql`select 1 from public.practices where id = ${w.a.id}`).toHaveLength(0)
    expect(await loginExists(sql, owner.id)).toBe(false)
  })
})
