import 'server-only'
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { ClientRef } from '@/lib/clients/client.schema'
import { entitlementFor, SUBSCRIPTION_STATUSES } from '@/lib/billing/entitlement'
import { READ_ONLY_MESSAGE } from '@/lib/billing/write-refusals'
import { AppError } from '@/lib/errors'
import { recordAuditEvent } from '@/lib/privacy/audit/record-event'
import type { RequestMeta } from '@/lib/security/client-ip'
import { dbFailure, notFound, PG_ERROR, type Db } from '@/lib/server/db'
import { FILE_PROBLEM_MESSAGES, MAX_DOCUMENT_BYTES, SNIFF_BYTES, safeDisplayName, checkDocument, type FileProblem } from './file-type'
import { discardStaged, isOwnStagingPath, STAGING_BUCKET } from './staging'

export const DOCUMENTS_BUCKET = 'client-files'
/** Download links are minted after the access check and live no longer than this. */
export const SIGNED_URL_SECONDS = 60

export type UploadProblem = FileProblem | 'storage' | 'read_only' | 'erasing' | 'missing' | 'incomplete'

export type UploadResult = { ok: true; id: string; fileName: string } | { ok: false; problem: UploadProblem; message: string }

const MESSAGES: Record<UploadProblem, string> = {
  ...FILE_PROBLEM_MESSAGES,
  storage: 'We could not store this file. Please try again.',
  read_only: READ_ONLY_MESSAGE,
  erasing: 'This record is being deleted, so nothing can be added to it.',
  missing: 'We could not find this upload. Please choose the file again.',
  incomplete: 'The file did not arrive whole. Please choose the file again.',
}

const refused = (problem: UploadProblem, message = MESSAGES[problem]): UploadResult => ({ ok: false, problem, message })

const SubscriptionStatusSchema = z.enum(SUBSCRIPTION_STATUSES).nullable()

const EXTENSIONS = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/heic': 'heic' } as const

/** What the browser reports after it put the file in her staging folder. */
export interface StagedUpload {
  stagingPath: string
  fileName: string
  /** The size the browser read from the file; the staged object must have exactly this many bytes. */
  size: number
}

/** Reads at most SNIFF_BYTES leading bytes of a staged object (a Range request): never the whole file. */
async function stagedHead(admin: Db, path: string): Promise<Uint8Array | null> {
  const signed = await admin.storage.from(STAGING_BUCKET).createSignedUrl(path, 60)
  if (signed.error) return null
  // no-store: Next.js would otherwise tee the body into its data cache, and a cancelled tee branch
  // waits for the other one.
  const res = await fetch(signed.data.signedUrl, { headers: { Range: `bytes=0-${SNIFF_BYTES - 1}` }, cache: 'no-store' })
  if (!res.ok) {
    void res.body?.cancel().catch(() => undefined)
    return null
  }
  // A backend that ignores Range sends everything: keep only the head and stop reading.
  const reader = res.body!.getReader()
  const head = new Uint8Array(SNIFF_BYTES)
  let filled = 0
  while (filled < SNIFF_BYTES) {
    const { done, value } = await reader.read()
    if (done) break
    const part = value.subarray(0, SNIFF_BYTES - filled)
    head.set(part, filled)
    filled += part.length
  }
  void reader.cancel().catch(() => undefined)
  return head.subarray(0, filled)
}

/**
 * Turns a file the browser staged into a document, for someone the caller has already found
 * allowed (an RLS-checked read of the client record as her). The staged object must lie in the
 * uploader's own folder of this practice; its size and first bytes are checked as an upload always
 * was (the app reads a 16-byte range, never the file); then the service role moves it into the
 * documents bucket under a key generated here and writes the row. Any refusal removes the staged
 * object; a staged object is completed once only (the move consumes it). A practice or client
 * being erased refuses before anything moves, and again at the row (its lock).
 */
export async function completeStagedDocument(
  admin: Db,
  owner: ClientRef,
  /** The person the file comes from, already found allowed: a member of the practice or the client herself. */
  uploadedBy: string,
  staged: StagedUpload,
  { shared = false }: { shared?: boolean } = {},
): Promise<UploadResult> {
  // Someone else's folder (or another practice's) is not hers to complete, nor to remove.
  if (!isOwnStagingPath(staged.stagingPath, owner.practiceId, uploadedBy)) return refused('missing')
  const staging = admin.storage.from(STAGING_BUCKET)
  const refuse = async (problem: UploadProblem, message?: string) => {
    await staging.remove([staged.stagingPath])
    return refused(problem, message)
  }

  const prefix = `${owner.practiceId}/${owner.clientId}/`
  const locked = await admin.rpc('erasure_in_progress', { object_name: prefix })
  if (locked.error) throw dbFailure('check this record', locked.error)
  if (locked.data) return refuse('erasing')

  // The server writes as the service role, which the database's read-only rule lets through: so it asks.
  const billing = await admin.from('billing_subscriptions').select('status').eq('practice_id', owner.practiceId).maybeSingle()
  if (billing.error) throw dbFailure('check this practice', billing.error)
  if (entitlementFor(SubscriptionStatusSchema.parse(billing.data?.status ?? null)).access === 'read_only') return refuse('read_only')

  const info = await staging.info(staged.stagingPath)
  if (info.error) return refused('missing')
  const size = Number(info.data.size ?? 0)
  if (size > MAX_DOCUMENT_BYTES || staged.size > MAX_DOCUMENT_BYTES) return refuse('too_large')
  if (size !== staged.size) return refuse('incomplete')
  const head = size === 0 ? new Uint8Array(0) : await stagedHead(admin, staged.stagingPath)
  if (!head) return refused('missing')
  const check = checkDocument(size, head)
  if (!check.ok) return refuse(check.problem)
  // The object keeps the type it was staged with: it must be the one its bytes show.
  if (info.data.contentType !== check.type) return refuse('unsupported_type')

  const id = randomUUID()
  // The key is generated here; her file name only ever lives in the row's file_name.
  const path = `${prefix}${id}.${EXTENSIONS[check.type]}`
  const moved = await staging.move(staged.stagingPath, path, { destinationBucket: DOCUMENTS_BUCKET })
  // Not there any more: completed (or removed) a moment ago.
  if (moved.error) return refused('missing')

  const name = safeDisplayName(staged.fileName)
  const { error } = await admin.from('documents').insert({
    id,
    practice_id: owner.practiceId,
    client_id: owner.clientId,
    storage_path: path,
    file_name: name,
    mime_type: check.type,
    size_bytes: size,
    shared_with_client: shared,
    uploaded_by: uploadedBy,
  })
  if (error) {
    await admin.storage.from(DOCUMENTS_BUCKET).remove([path])
    return refused(error.code === PG_ERROR.objectInUse ? 'erasing' : 'storage')
  }
  return { ok: true, id, fileName: name }
}

/**
 * A client's upload to her own record. The record is read through her RLS on this request (as the
 * client whose login it is): access revoked a moment ago, or another client's record, is not found,
 * and what she staged is removed.
 */
export async function completeOwnDocument(db: Db, admin: Db, userId: string, owner: ClientRef, staged: StagedUpload): Promise<UploadResult> {
  const { data, error } = await db
    .from('clients')
    .select('id')
    .eq('id', owner.clientId)
    .eq('practice_id', owner.practiceId)
    .eq('portal_user_id', userId)
    .maybeSingle()
  if (error) throw dbFailure('check your record', error)
  if (!data) {
    await discardStaged(admin, userId, staged.stagingPath)
    throw notFound('record')
  }
  return completeStagedDocument(admin, owner, userId, staged)
}

const STATUS: Record<UploadProblem, number> = {
  empty: 422,
  unsupported_type: 422,
  too_large: 413,
  incomplete: 422,
  missing: 404,
  read_only: 403,
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
