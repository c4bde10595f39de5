import 'server-only'
import { DOCUMENTS_BUCKET } from '@/lib/documents/store'
import { FORM_PDFS_BUCKET } from '@/lib/paperwork/pdf/bucket'
import { dbFailure, fromCatalogTable, type CatalogRow, type Db } from '@/lib/server/db'
import { csvRow, type CsvValue } from '../csv.ts'
import { AUDIT_ARCHIVE_BUCKET } from '../retention.service.ts'
import type { ZipArchive, ZipEntrySummary } from '@/lib/privacy/zip/zip-stream'

export const EXPORT_FORMAT = 'doulaos-export/1'

export interface ExportSource {
  /** Service-role client: call only after the caller was authorised as an owner or admin. */
  admin: Db
  practiceId: string
  /** Rows per request; each page is written out before the next is fetched. */
  pageSize?: number
  now?: Date
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT
  practice_id: string
  generated_at: string
  tables: Record<string, number>
  files: number
  /** PDFs of submitted forms and signed agreements (under form-pdfs/ in the zip). */
  form_pdfs: number
  /** Archive objects of audit rows older than 12 months (under audit-archive/ in the zip). */
  audit_archive_objects: number
  entries: { path: string; bytes: number; sha256: string }[]
}

/** Keyset pagination by id: each page costs an index range scan, however deep the export goes. */
async function* pages(source: ExportSource, table: string): AsyncIterable<CatalogRow[]> {
  const size = source.pageSize ?? 500
  let after: unknown = null
  for (;;) {
    let query = fromCatalogTable(source.admin, table).select('*').eq(table === 'practices' ? 'id' : 'practice_id', source.practiceId)
    if (after !== null) query = query.gt('id', after)
    const { data, error } = await query.order('id').limit(size)
    if (error) throw dbFailure(`read ${table} for the export`, error)
    const rows: CatalogRow[] = data
    if (rows.length > 0) yield rows
    if (rows.length < size) return
    after = rows[rows.length - 1]!.id
  }
}

async function* jsonLines(source: ExportSource, table: string, counter: { rows: number }) {
  yield '['
  for await (const rows of pages(source, table)) {
    for (const row of rows) {
      yield `${counter.rows === 0 ? '' : ','}\n${JSON.stringify(row)}`
      counter.rows += 1
    }
  }
  yield counter.rows === 0 ? ']\n' : '\n]\n'
}

/** The header comes from the catalog, so an empty table still exports as a valid, typed CSV. */
async function* csvLines(source: ExportSource, table: string, columns: string[]) {
  yield csvRow(columns)
  for await (const rows of pages(source, table)) {
    for (const row of rows) yield csvRow(columns.map((c) => row[c] as CsvValue))
  }
}

type ObjectLister = 'export_object_page' | 'export_form_pdf_page' | 'audit_archive_objects'

async function* objectPages(source: ExportSource, lister: ObjectLister) {
  // Every name sorts after the empty string, so '' starts at the first object.
  let after = ''
  for (;;) {
    const result = await source.admin.rpc(lister, { target_practice: source.practiceId, after_name: after, max_names: 200 })
    if (result.error) throw dbFailure('list the files for the export', result.error)
    const page: { name: string; size: number }[] = result.data
    if (page.length === 0) return
    yield page
    after = page[page.length - 1]!.name
  }
}

/**
 * Streams one stored object through a short-lived signed URL, never holding it whole. Signed as
 * `client`: the service role here, her own session for the portal's "Download my data".
 */
export async function* objectBytes(client: Db, bucket: string, path: string): AsyncIterable<Uint8Array> {
  const { data, error } = await client.storage.from(bucket).createSignedUrl(path, 60)
  if (error) throw dbFailure(`sign ${path} for the export`, error)
  const res = await fetch(data.signedUrl)
  if (!res.ok || !res.body) throw new Error(`Downloading ${path} for the export: HTTP ${res.status}`)
  yield* res.body
}

/**
 * Writes the whole practice into `zip`: per table a JSON and a CSV file, every stored file under
 * files/, every form PDF under form-pdfs/, then manifest.json with row counts and the SHA-256 of every other entry. Memory stays
 * flat: rows arrive a page at a time and objects stream one at a time.
 */
export async function writePracticeExport(zip: ZipArchive, source: ExportSource): Promise<ExportManifest> {
  const now = source.now ?? new Date()
  const { data: tables, error } = await source.admin.rpc('export_tables')
  if (error) throw dbFailure('list the tables for the export', error)

  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    practice_id: source.practiceId,
    generated_at: now.toISOString(),
    tables: {},
    files: 0,
    form_pdfs: 0,
    audit_archive_objects: 0,
    entries: [],
  }
  const record = (summary: ZipEntrySummary) =>
    manifest.entries.push({ path: summary.name, bytes: summary.size, sha256: summary.sha256 })

  for (const { table_name: table, columns } of tables) {
    const counter = { rows: 0 }
    record(await zip.addEntry(`data/${table}.json`, jsonLines(source, table, counter), now))
    manifest.tables[table] = counter.rows
    record(await zip.addEntry(`data/${table}.csv`, csvLines(source, table, columns), now))
  }
  const prefix = `${source.practiceId}/`
  for await (const page of objectPages(source, 'export_object_page')) {
    for (const object of page) {
      record(await zip.addEntry(`files/${object.name.slice(prefix.length)}`, objectBytes(source.admin, DOCUMENTS_BUCKET, object.name), now))
      manifest.files += 1
    }
  }
  for await (const page of objectPages(source, 'export_form_pdf_page')) {
    for (const object of page) {
      record(await zip.addEntry(`form-pdfs/${object.name.slice(prefix.length)}`, objectBytes(source.admin, FORM_PDFS_BUCKET, object.name), now))
      manifest.form_pdfs += 1
    }
  }
  for await (const page of objectPages(source, 'audit_archive_objects')) {
    for (const object of page) {
      const path = `audit-archive/${object.name.slice(prefix.length)}`
      record(await zip.addEntry(path, objectBytes(source.admin, AUDIT_ARCHIVE_BUCKET, object.name), now))
      manifest.audit_archive_objects += 1
    }
  }
  await zip.addEntry('manifest.json', JSON.stringify(manifest, null, 2) + '\n', now)
  return manifest
}
