import 'server-only'
import { randomUUID } from 'node:crypto'
import type { ClientRef } from '@/lib/clients/client.schema'
import { isReadOnlyRefusal, READ_ONLY_MESSAGE } from '@/lib/billing/write-refusals'
import { AppError } from '@/lib/errors'
import { recordAuditEvent } from '@/lib/privacy/audit/record-event'
import type { RequestMeta } from '@/lib/security/client-ip'
import { dbFailure, notFound, PG_ERROR, type Db } from '@/lib/server/db'
import { FILE_PROBLEM_MESSAGES, MAX_DOCUMENT_BYTES, safeDisplayName, checkDocument, type FileProblem } from './file-type'
import { meterBody } from './metered-body'

export const DOCUMENTS_BUCKET = 'client-files'
/** Download links are minted after the access check and live no longer than this. */
export const SIGNED_URL_SECONDS = 60

export interface StoreOptions {
  /** Whether the client may see it; only a practice member's upload sets this (her own uploads need no sharing). */
  shared?: boolean
  limit?: number
}

export type UploadResult =
  | { ok: true; id: string; fileName: string }
  | { ok: false; problem: FileProblem | 'storage' | 'erasing'; message: string }

const ERASING_MESSAGE = 'This record is being deleted, so nothing can be added to it.'
const erasing = (): UploadResult => ({ ok: false, problem: 'erasing', message: ERASING_MESSAGE })

const EXTENSIONS = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/heic': 'heic' } as const

export type DocumentBody = Uint8Array | ReadableStream<Uint8Array> | null

const asStream = (body: DocumentBody): ReadableStream<Uint8Array> | null =>
  body instanceof Uint8Array ? new Blob([body as Uint8Array<ArrayBuffer>]).stream() : body

const refused = (problem: FileProblem): UploadResult => ({ ok: false, problem, message: FILE_PROBLEM_MESSAGES[problem] })

/**
 * Stores a document for someone the caller has already found allowed (an RLS-checked read of the
 * client record as her): the server writes object and row with the service role, so no person ever
 * holds a Storage capability and no row exists for bytes the server did not check. The body
 * streams straight through: the type is sniffed from the first bytes, the size is enforced while
 * the bytes pass (reading stops at the limit), and the app never holds the file.
 * Order matters: check → object → row; any failure removes what was written. A practice or client
 * being erased refuses the upload before a byte is stored, and again at the row (its lock).
 */
export async function storeDocument(
  admin: Db,
  owner: ClientRef,
  /** The person the file comes from, already found allowed: a member of the practice or the client herself. */
  uploadedBy: string,
  fileName: string,
  body: DocumentBody,
  { shared = false, limit = MAX_DOCUMENT_BYTES }: StoreOptions = {},
): Promise<UploadResult> {
  const id = randomUUID()
  const prefix = `${owner.practiceId}/${owner.clientId}/`
  const locked = await admin.rpc('erasure_in_progress', { object_name: prefix })
  if (locked.error) throw dbFailure('check this record', locked.error)
  if (locked.data) return erasing()

  const metered = await meterBody(asStream(body), limit)
  if (metered.empty) return refused('empty')
  // The size so far is the head's: the limit is enforced while the rest streams.
  const check = checkDocument(metered.head.byteLength, metered.head)
  if (!check.ok) {
    await metered.discard()
    return refused(check.problem)
  }
  const type = check.type
  // The key is generated here; her file name only ever lives in the row's file_name.
  const path = `${prefix}${id}.${EXTENSIONS[type]}`
  const bucket = admin.storage.from(DOCUMENTS_BUCKET)
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
  const { error } = await admin.from('documents').insert({
    id,
    practice_id: owner.practiceId,
    client_id: owner.clientId,
    storage_path: path,
    file_name: name,
    mime_type: type,
    size_bytes: metered.bytesRead(),
    shared_with_client: shared,
    uploaded_by: uploadedBy,
  })
  if (error) {
    await bucket.remove([path])
    if (error.code === PG_ERROR.objectInUse) return erasing()
    const message = isReadOnlyRefusal(error) ? READ_ONLY_MESSAGE : 'We could not save this file. Please try again.'
    return { ok: false, problem: 'storage', message }
  }
  return { ok: true, id, fileName: name }
}

export const tooLargeResult = (): UploadResult => refused('too_large')

/**
 * A client's upload to her own record. The record is read through her RLS on this request (as the
 * client whose login it is): access revoked a moment ago, or another client's record, is not found
 * before a byte is read.
 */
export async function storeOwnDocument(db: Db, admin: Db, userId: string, owner: ClientRef, fileName: string, body: DocumentBody): Promise<UploadResult> {
  const { data, error } = await db
    .from('clients')
    .select('id')
    .eq('id', owner.clientId)
    .eq('practice_id', owner.practiceId)
    .eq('portal_user_id', userId)
    .maybeSingle()
  if (error) throw dbFailure('check your record', error)
  if (!data) throw notFound('record')
  return storeDocument(admin, owner, userId, fileName, body)
}

const STATUS: Record<Exclude<UploadResult, { ok: true }>['problem'], number> = {
  empty: 422,
  unsupported_type: 422,
  too_large: 413,
  erasing: 409,
  storage: 500,
}

/** An upload route's answer: 201 with the stored document, else the refusal with its status. */
export const uploadResponse = (result: UploadResult): Response =>
  Response.json(result, { status: result.ok ? 201 : STATUS[result.problem] })

/**
 * A download link for a document she may see: the row is read through her RLS first, the event is
 * written to the audit trail, and only then does the server mint a ≤ 60 s signed URL. No row → null
 * (not found and forbidden look the same).
 */
export async function signedDownloadUrl(db: Db, admin: Db, actorId: string, documentId: string, meta: RequestMeta): Promise<string | null> {
  const { data, error } = await db.from('documents').select('id, practice_id, storage_path').eq('id', documentId).maybeSingle()
  if (error) throw dbFailure('load the document', error)
  if (!data) return null
  await recordAuditEvent(admin, { practiceId: data.practice_id, actorId, action: 'document.download', entity: 'documents', entityId: data.id }, meta)
  const signed = await admin.storage.from(DOCUMENTS_BUCKET).createSignedUrl(data.storage_path, SIGNED_URL_SECONDS, { download: true })
  if (signed.error) throw dbFailure('prepare the download', signed.error)
  return signed.data.signedUrl
}

/**
 * Removes the file of a document row the caller has just deleted through her RLS. The row goes
 * first (the object is unreachable without it); a failed removal is reported, never kept quiet.
 */
export async function removeDocumentObject(admin: Db, storagePath: string): Promise<void> {
  const removed = await admin.storage.from(DOCUMENTS_BUCKET).remove([storagePath])
  if (removed.error) throw new AppError({ code: 'internal', message: 'The document was deleted but its file was not. Please try again.', cause: removed.error })
}

/** Deletes one of her own uploads: RLS limits the row delete to documents she uploaded. */
export async function deleteOwnDocument(db: Db, admin: Db, documentId: string): Promise<boolean> {
  const { data, error } = await db.from('documents').delete().eq('id', documentId).select('storage_path')
  if (error) throw dbFailure('delete the document', error)
  const row = data[0]
  if (!row) return false
  await removeDocumentObject(admin, row.storage_path)
  return true
}
