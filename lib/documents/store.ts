import { randomUUID } from 'node:crypto'
import type { SupabaseClient } from '@supabase/supabase-js'
import { isReadOnlyRefusal, READ_ONLY_MESSAGE } from '@/lib/billing/write-refusals'
import { FILE_PROBLEM_MESSAGES, MAX_DOCUMENT_BYTES, safeDisplayName, checkDocument, type FileProblem } from './file-type'
import { meterBody } from './metered-body'

export const DOCUMENTS_BUCKET = 'client-files'
/** Download links are minted after the access check and live no longer than this. */
export const SIGNED_URL_SECONDS = 60

export interface DocumentOwner {
  practiceId: string
  clientId: string
}

export interface StoreOptions {
  /** Whether the client may see it; only a practice member's upload sets this (her own uploads need no sharing). */
  shared?: boolean
  limit?: number
}

export type UploadResult =
  | { ok: true; id: string; fileName: string }
  | { ok: false; problem: FileProblem | 'storage'; message: string }

const EXTENSIONS = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/heic': 'heic' } as const

export type DocumentBody = Uint8Array | ReadableStream<Uint8Array> | null

const asStream = (body: DocumentBody): ReadableStream<Uint8Array> | null =>
  body instanceof Uint8Array ? new Blob([body as Uint8Array<ArrayBuffer>]).stream() : body

const refused = (problem: FileProblem): UploadResult => ({ ok: false, problem, message: FILE_PROBLEM_MESSAGES[problem] })

/**
 * Stores a document as the signed-in user (her RLS decides the folder she may write), streaming
 * the body straight through to Storage: the type is sniffed from the first bytes, the size is
 * enforced while the bytes pass (reading stops at the limit), and the app never holds the file.
 * Order matters: check → object → row; any failure removes what was written, so a refused or
 * failed upload leaves neither a row nor an object.
 */
export async function storeDocument(
  db: SupabaseClient,
  owner: DocumentOwner,
  fileName: string,
  body: DocumentBody,
  { shared = false, limit = MAX_DOCUMENT_BYTES }: StoreOptions = {},
): Promise<UploadResult> {
  const metered = await meterBody(asStream(body), limit)
  if (metered.empty) return refused('empty')
  // The size so far is the head's: the limit is enforced while the rest streams.
  const check = checkDocument(metered.head.byteLength, metered.head)
  if (!check.ok) {
    await metered.discard()
    return refused(check.problem)
  }
  const type = check.type
  const id = randomUUID()
  // The key is generated here; her file name only ever lives in the row's file_name.
  const path = `${owner.practiceId}/${owner.clientId}/${id}.${EXTENSIONS[type]}`
  const bucket = db.storage.from(DOCUMENTS_BUCKET)
  const uploaded = await bucket.upload(path, metered.stream, { contentType: type, upsert: false, duplex: 'half' })
  await metered.discard()
  if (metered.tooLarge()) {
    // Storage saw the request break off mid-body and keeps nothing; the remove is for a backend
    // that kept a partial object anyway.
    if (!uploaded.error) await bucket.remove([path])
    return refused('too_large')
  }
  if (uploaded.error) return { ok: false, problem: 'storage', message: 'We could not store this file. Please try again.' }
  const name = safeDisplayName(fileName)
  const { error } = await db.from('documents').insert({
    id,
    practice_id: owner.practiceId,
    client_id: owner.clientId,
    storage_path: path,
    file_name: name,
    mime_type: type,
    size_bytes: metered.bytesRead(),
    shared_with_client: shared,
  })
  if (error) {
    await bucket.remove([path])
    const message = isReadOnlyRefusal(error) ? READ_ONLY_MESSAGE : 'We could not save this file. Please try again.'
    return { ok: false, problem: 'storage', message }
  }
  return { ok: true, id, fileName: name }
}

export const tooLargeResult = (): UploadResult => refused('too_large')

interface DocumentRow {
  id: string
  practice_id: string
  storage_path: string
}

/**
 * A download link for a document she may see: the row is read through her RLS first, the audit
 * event is written, and only then is a ≤ 60 s signed URL minted. No row → null (not found and
 * forbidden look the same).
 */
export async function signedDownloadUrl(db: SupabaseClient, documentId: string): Promise<string | null> {
  const { data, error } = await db.from('documents').select('id, practice_id, storage_path').eq('id', documentId).maybeSingle<DocumentRow>()
  if (error) throw new Error(`Could not load the document: ${error.message}`)
  if (!data) return null
  const audit = await db.rpc('record_audit_event', { practice_id: data.practice_id, action: 'document.download', entity: 'documents', entity_id: data.id })
  if (audit.error) throw new Error(`Could not record the download: ${audit.error.message}`)
  const signed = await db.storage.from(DOCUMENTS_BUCKET).createSignedUrl(data.storage_path, SIGNED_URL_SECONDS, { download: true })
  if (signed.error) throw new Error(`Could not sign the download: ${signed.error.message}`)
  return signed.data.signedUrl
}

/** Deletes one of her own uploads: RLS limits the row delete to documents she uploaded. */
export async function deleteOwnDocument(db: SupabaseClient, documentId: string): Promise<boolean> {
  const { data, error } = await db.from('documents').delete().eq('id', documentId).select('storage_path')
  if (error) throw new Error(`Could not delete the document: ${error.message}`)
  const row = (data as { storage_path: string }[])[0]
  if (!row) return false
  const removed = await db.storage.from(DOCUMENTS_BUCKET).remove([row.storage_path])
  if (removed.error) throw new Error(`The document was deleted but its file was not: ${removed.error.message}`)
  return true
}
