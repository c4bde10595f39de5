// Issue #7: export of a practice with 500 clients and 200 MB of files through GET /api/export.
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebStream } from 'node:stream/web'
import type { SupabaseClient } from '@supabase/supabase-js'
import type { ExportManifest } from '@/lib/privacy/export/export-practice.service'
import { readZip } from '../../tests/unit/privacy/zip-reader.ts'
import { PROBE, type BenchContext } from '../support/context.ts'
import type { GoalReport } from '../support/report.ts'
import { measureRss } from '../support/rss.ts'
import { seeded } from '../support/seed.ts'
import { signInCookie } from '../support/session.ts'
import { mb, MIB, seconds, since } from '../support/stats.ts'

/** Peak resident memory of the app process while it streams the export (issue #7). */
export const EXPORT_RSS_GOAL = 256 * MIB
const FILE_BYTES = 5 * MIB

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

/**
 * Stores `totalMb` of PDFs under the practice's prefix through the Storage API, spread over its
 * clients as her documents would be, and returns each file's SHA-256 by its path inside the prefix.
 */
export async function storePracticeFiles(admin: SupabaseClient, p: number, totalMb: number, clients: number): Promise<Map<string, string>> {
  const hashes = new Map<string, string>()
  const count = Math.ceil((totalMb * MIB) / FILE_BYTES)
  for (let i = 1; i <= count; i++) {
    const file = randomBytes(FILE_BYTES)
    file.write('%PDF-1.7\n', 0, 'latin1')
    const inside = `${seeded.clientId(p, 1 + (i % clients))}/bench-${i}.pdf`
    const { error } = await admin.storage.from('client-files').upload(`${seeded.practiceId(p)}/${inside}`, file, { contentType: 'application/pdf' })
    if (error) throw new Error(`Storing ${inside}: ${error.message}`)
    hashes.set(inside, sha256(file))
  }
  return hashes
}

/** Downloads the export to disk as a browser would, reading as fast as the app sends. */
async function download(url: string, cookie: string, file: string): Promise<void> {
  const res = await fetch(url, { headers: { cookie } })
  if (res.status !== 200 || !res.body) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`)
  await pipeline(Readable.fromWeb(res.body as WebStream<Uint8Array>), createWriteStream(file))
}

/** Every problem with the archive: manifest, checksums, row counts and the stored files. */
function auditArchive(zip: Buffer, ctx: BenchContext, files: Map<string, string>, objects: number): { problems: string[]; manifest: ExportManifest | null } {
  const { entries } = readZip(zip)
  const byName = new Map(entries.map((e) => [e.name, e.data]))
  const raw = byName.get('manifest.json')
  if (!raw) return { problems: ['no manifest.json'], manifest: null }
  const manifest = JSON.parse(raw.toString('utf8')) as ExportManifest
  const problems: string[] = []
  for (const entry of manifest.entries) {
    const data = byName.get(entry.path)
    if (!data) problems.push(`${entry.path} is in the manifest but not in the zip`)
    else if (data.length !== entry.bytes || sha256(data) !== entry.sha256) problems.push(`${entry.path} differs from its manifest checksum`)
  }
  if (manifest.entries.length !== entries.length - 1) problems.push(`the zip holds ${entries.length - 1} entries besides the manifest, the manifest lists ${manifest.entries.length}`)
  if (manifest.tables.clients !== ctx.options.clients) problems.push(`clients: ${manifest.tables.clients} rows, expected ${ctx.options.clients}`)
  if (manifest.files !== objects) problems.push(`${manifest.files} files, ${objects} stored`)
  for (const [inside, hash] of files) {
    const data = byName.get(`files/${inside}`)
    if (!data || sha256(data) !== hash) problems.push(`files/${inside} is missing or differs from what was stored`)
  }
  return { problems, manifest }
}

export async function benchExport(ctx: BenchContext, files: Map<string, string>): Promise<GoalReport> {
  const practiceId = seeded.practiceId(PROBE)
  const cookie = await signInCookie(ctx.admin, ctx.app.url, seeded.doulaEmail(PROBE), '/dashboard')
  const dir = await mkdtemp(join(tmpdir(), 'doulaos-bench-export-'))
  try {
    // A first export (another practice, no files) loads the route's code: the measured one starts warm.
    const other = PROBE + 1
    const otherCookie = await signInCookie(ctx.admin, ctx.app.url, seeded.doulaEmail(other), '/dashboard')
    await download(`${ctx.app.url}/api/export?practice=${seeded.practiceId(other)}`, otherCookie, join(dir, 'warm-up.zip'))
    await rm(join(dir, 'warm-up.zip'))
    const file = join(dir, 'export.zip')
    const start = performance.now()
    const { rss } = await measureRss(ctx.app.serverPid, () => download(`${ctx.app.url}/api/export?practice=${practiceId}`, cookie, file))
    const elapsed = since(start)
    ctx.bench.recorder.take()

    const [stored] = await ctx.bench.stack.sql<{ n: number; bytes: string }[]>`
      select count(*)::int as n, coalesce(sum((metadata->>'size')::bigint), 0)::text as bytes from storage.objects
      where bucket_id = 'client-files' and name like ${`${practiceId}/%`}`
    const zip = await readFile(file)
    const { problems, manifest } = auditArchive(zip, ctx, files, stored!.n)
    const rows = manifest ? Object.values(manifest.tables).reduce((a, b) => a + b, 0) : 0
    return {
      title: `Privacy (#7): export of a practice with ${ctx.options.clients} clients and ${mb(Number(stored!.bytes))} of files through GET /api/export`,
      rows: [
        { what: 'time to the last byte', value: seconds(elapsed) },
        { what: 'zip size', value: mb(zip.length) },
        { what: 'app RSS before → peak', value: `${mb(rss.baseline)} → ${mb(rss.peak)} (+${mb(rss.growth)})` },
        { what: 'app peak RSS', value: mb(rss.peak), goal: `≤ ${mb(EXPORT_RSS_GOAL)}`, pass: rss.peak <= EXPORT_RSS_GOAL },
        {
          what: 'archive complete (manifest, checksums, rows, files)',
          value: problems.length === 0 ? `${rows} rows, ${manifest?.files ?? 0} files` : problems.slice(0, 3).join('; '),
          goal: 'complete',
          pass: problems.length === 0,
        },
      ],
      notes: [`RSS of the next-server process, sampled every 20 ms with the kernel's high-water mark reset before the download (${rss.samples} samples); the download is written to disk as it arrives.`],
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
