import 'server-only'
import { z } from 'zod'
import { recordAuditEvent } from '@/lib/privacy/audit/record-event'
import type { RequestMeta } from '@/lib/security/client-ip'
import { safeDisplayName } from '@/lib/documents/file-type'
import { DOCUMENTS_BUCKET } from '@/lib/documents/store'
import { csvRow, type CsvValue } from '@/lib/privacy/csv'
import { dbFailure, fromCatalogTable, type CatalogRow, type Db } from '@/lib/server/db'
import { objectBytes, type ExportManifest } from '@/lib/privacy/export/export-practice.service'
import type { ZipArchive, ZipEntrySummary } from '@/lib/privacy/zip/zip-stream'
import { DOCUMENT_COLUMNS, MY_DATA_TABLES, type MyDataTable } from './my-data-tables'

export const MY_DATA_FORMAT = 'doulaos-my-data/1'

export interface MyDataSource {
  /**
   * HER session (the portal's server client), never the service role: RLS decides what comes
   * back, so an unshared appointment, a private note or another client's row cannot leak even if
   * a filter here were wrong.
   */
  db: Db
  /** The service role signs the object downloads, only for documents her RLS listed above. */
  admin: Db
  userId: string
  practiceId: string
  clientId: string
  /** Rows per request; each page is written out before the next is fetched. */
  pageSize?: number
  now?: Date
}

export interface MyDataManifest {
  format: typeof MY_DATA_FORMAT
  practice_id: string
  client_id: string
  generated_at: string
  tables: Record<string, number>
  files: number
  entries: ExportManifest['entries']
}

type Row = CatalogRow

/** Keyset pages of her rows in one table, in THIS practice only (her client id is per practice). */
async function* pages(source: MyDataSource, table: string, columns: string, clientColumn: string): AsyncIterable<Row[]> {
  const size = source.pageSize ?? 500
  let after: string | null = null
  for (;;) {
    let query = fromCatalogTable(source.db, table).select(columns).eq(clientColumn, source.clientId).eq('practice_id', source.practiceId)
    if (after !== null) query = query.gt('id', after)
    // The columns are named at run time too, so the rows are typed here, not parsed from `columns`.
    const { data: rows, error } = await query.order('id').limit(size).overrideTypes<CatalogRow[], { merge: false }>()
    if (error) throw dbFailure(`read ${table} for her export`, error)
    if (rows.length > 0) yield rows
    if (rows.length < size) return
    after = String(rows[rows.length - 1]!.id)
  }
}

async function* jsonArray(rows: AsyncIterable<Row[]>, counter: { rows: number }) {
  yield '['
  for await (const page of rows) {
    for (const row of page) {
      yield `${counter.rows === 0 ? '' : ','}\n${JSON.stringify(row)}`
      counter.rows += 1
    }
  }
  yield counter.rows === 0 ? ']\n' : '\n]\n'
}

async function* csvLines(rows: AsyncIterable<Row[]>, columns: readonly string[]) {
  yield csvRow(columns)
  for await (const page of rows) for (const row of page) yield csvRow(columns.map((c) => row[c] as CsvValue))
}

async function* arrayPages(rows: Row[]): AsyncIterable<Row[]> {
  if (rows.length > 0) yield rows
}

const DocumentRowSchema = z.object({
  id: z.uuid(),
  file_name: z.string(),
  mime_type: z.string(),
  size_bytes: z.coerce.number(),
  kind: z.string(),
  uploaded_by: z.uuid().nullable(),
  created_at: z.string(),
  storage_path: z.string(),
})

/** A name inside the archive: unique by id, readable by her file name, never a path of its own. */
export const archivePathFor = (document: { id: string; file_name: string }) => `files/${document.id}-${safeDisplayName(document.file_name)}`

/** Her documents' metadata (small: no bytes) with the storage key kept apart from what she gets. */
async function listDocuments(source: MyDataSource) {
  const documents: { row: Row; storagePath: string; archivePath: string }[] = []
  const columns = 'id, file_name, mime_type, size_bytes, kind, uploaded_by, created_at, storage_path'
  for await (const page of pages(source, 'documents', columns, 'client_id')) {
    for (const raw of page) {
      const { storage_path: storagePath, uploaded_by: uploadedBy, ...rest } = DocumentRowSchema.parse(raw)
      const archivePath = archivePathFor(rest)
      documents.push({ row: { ...rest, uploaded_by_me: uploadedBy === source.userId, archive_path: archivePath }, storagePath, archivePath })
    }
  }
  return documents
}

/**
 * Writes her records in this practice into `zip`: per table a JSON and a CSV file, then the
 * documents shared with her and her own uploads under files/, then manifest.json with row counts
 * and the SHA-256 of every other entry. Rows arrive a page at a time and files stream one at a
 * time, so memory stays flat however large her files are.
 */
export async function writeMyDataExport(zip: ZipArchive, source: MyDataSource): Promise<MyDataManifest> {
  const now = source.now ?? new Date()
  const manifest: MyDataManifest = {
    format: MY_DATA_FORMAT,
    practice_id: source.practiceId,
    client_id: source.clientId,
    generated_at: now.toISOString(),
    tables: {},
    files: 0,
    entries: [],
  }
  const record = (summary: ZipEntrySummary) => manifest.entries.push({ path: summary.name, bytes: summary.size, sha256: summary.sha256 })
  const tableRows = (t: MyDataTable) => pages(source, t.table, t.columns.join(', '), t.clientColumn)

  for (const table of MY_DATA_TABLES) {
    const counter = { rows: 0 }
    record(await zip.addEntry(`data/${table.name}.json`, jsonArray(tableRows(table), counter), now))
    manifest.tables[table.name] = counter.rows
    record(await zip.addEntry(`data/${table.name}.csv`, csvLines(tableRows(table), table.columns), now))
  }

  const documents = await listDocuments(source)
  const rows = documents.map((d) => d.row)
  const counter = { rows: 0 }
  record(await zip.addEntry('data/documents.json', jsonArray(arrayPages(rows), counter), now))
  manifest.tables.documents = counter.rows
  record(await zip.addEntry('data/documents.csv', csvLines(arrayPages(rows), DOCUMENT_COLUMNS), now))
  for (const document of documents) {
    // Her RLS listed the document rows; no person holds a Storage capability, so the server signs.
    record(await zip.addEntry(document.archivePath, objectBytes(source.admin, DOCUMENTS_BUCKET, document.storagePath), now))
    manifest.files += 1
  }

  await zip.addEntry('manifest.json', JSON.stringify(manifest, null, 2) + '\n', now)
  return manifest
}

/** Recorded as her, before a byte is sent, so an export cut short is still on record. */
export async function recordMyDataExport(admin: Db, her: { userId: string; practiceId: string; clientId: string }, meta: RequestMeta): Promise<void> {
  await recordAuditEvent(admin, { practiceId: her.practiceId, actorId: her.userId, action: 'portal.export', entity: 'clients', entityId: her.clientId }, meta)
}
