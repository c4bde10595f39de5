import { randomUUID } from 'node:crypto'
import type { SupabaseClient } from '@supabase/supabase-js'
import { checkDocument, FILE_PROBLEM_MESSAGES, safeDisplayName, SNIFF_BYTES, type FileProblem } from './file-type'

export const DOCUMENTS_BUCKET = 'client-files'
/** Download links are minted after the access check and live no longer than this. */
export const SIGNED_URL_SECONDS = 60

export interface DocumentOwner {
  practiceId: string
  clientId: string
}

export type UploadResult =
  | { ok: true; id: string; fileName: string }
  | { ok: false; problem: FileProblem | 'storage'; message: string }

const EXTENSIONS = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/heic': 'heic' } as const

/**
 * Stores a checked document as the signed-in user (her RLS decides the folder she may write).
 * Order matters: check → object → row; a failed row insert removes the object, so a refused or
 * failed upload leaves neither a row nor an object.
 */
export async function storeDocument(db: SupabaseClient, owner: DocumentOwner, fileName: string, bytes: Uint8Array): Promise<UploadResult> {
  const check = checkDocument(bytes.byteLength, bytes.subarray(0, SNIFF_BYTES))
  if (!check.ok) return { ok: false, problem: check.problem, message: check.message }
  const id = randomUUID()
  // The key is generated here; her file name only ever lives in the row's file_name.
  const path = `${owner.practiceId}/${owner.clientId}/${id}.${EXTENSIONS[check.type]}`
  const uploaded = await db.storage.from(DOCUMENTS_BUCKET).upload(path, bytes, { contentType: check.type, upsert: false })
  if (uploaded.error) return { ok: false, problem: 'storage', message: 'We could not store this file. Please try again.' }
  const name = safeDisplayName(fileName)
  const { error } = await db.from('documents').insert({
    id,
    practice_id: owner.practiceId,
    client_id: owner.clientId,
    storage_path: path,
    file_name: name,
    mime_type: check.type,
    size_bytes: bytes.byteLength,
  })
  if (error) {
    await db.storage.from(DOCUMENTS_BUCKET).remove([path])
    return { ok: false, problem: 'storage', message: 'We could not save this file. Please try again.' }
  }
  return { ok: true, id, fileName: name }
}

export const tooLargeResult = (): UploadResult => ({ ok: false, problem: 'too_large', message: FILE_PROBLEM_MESSAGES.too_large })

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
